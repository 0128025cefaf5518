# show row voor de helpdesk: eerst de meldingen; alle regels van een record met een regeleinde
# binnen aanhalingstekens; welk record een verschoven regel is en waardoor; de bytes zoals ze
# in het bestand staan, ook onder een verkeerd gekozen tekenset.
vestiging add Leeuwenbrug
load quoted/koppel.csv
check
show row 2
show row 3
show row 6
show row 8
unload
load broken/cp1252-bytes.csv
charset utf-8
check
show row 2
charset auto
unload
load school/leerling.csv
load school/koppel.csv
show row stamnr 10002
show row stamnr 010002
check
show row stamnr 10005
show row stamnr 99999
