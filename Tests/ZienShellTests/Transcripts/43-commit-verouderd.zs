#! store: file
# Een andere sessie wijzigt de opslag tussen check en commit: de commit weigert voordat hij iets
# vraagt (deze import beëindigt veel koppelingen; zonder de andere sessie vroeg hij om --yes),
# en de weigering staat in het Importoverzicht. Exit 1.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
check
commit
load kwart/leerling.csv
check
#! andere sessie: vestiging add Noord
commit
#! andere sessie: show imports
