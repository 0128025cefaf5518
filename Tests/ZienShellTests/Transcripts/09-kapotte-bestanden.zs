# Elk leesbaar bestand wordt geladen; wat er mis mee is meldt check. Niets laat de shell vallen.
vestiging add Leeuwenbrug
load broken/export.xlsx
load broken/export.xls as groepen
load broken/handleiding.pdf as koppel
check
load broken/empty.csv
check
load broken/header-only.csv
load broken/blank-lines.csv as groepen
check
unload
load broken/nul.csv
check
load broken/long-line.csv
check
load broken/utf16-no-bom.csv
check
unload koppel
charset utf-16le
check
show row 1
