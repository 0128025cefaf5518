# Een gekozen tekenset leest alle bestanden opnieuw; verkeerd gekozen geeft een melding.
vestiging add Leeuwenbrug
load garbled/leerling.csv
charset windows-1252
check
show row 2
charset utf-8
check
charset utf-16
check
charset auto
load broken/bad-utf8.csv
charset utf-8
check
charset iso-8859-1
load cp1252/groepen.csv
check
charset latin2
