#! stdin
#! invoke:
#! invoke: -c ﻿vestigingen
﻿vestiging add Leeuwenbrug
vestigingen
schooljaar   # CRLF-regels, en een BOM aan het begin van standaardinvoer en van -c
