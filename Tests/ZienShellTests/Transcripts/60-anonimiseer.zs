#! store: file
# anonimiseer schrijft kopieën zonder persoonsgegevens (zelfde bestandsnamen, tekenset, regels)
# die dezelfde meldingen op dezelfde regels geven; bestaande bestanden alleen met --force.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load cp1252/leerling.csv
load cp1252/groepen.csv
load cp1252/koppel.csv
check
anonimiseer ~/voor-helpdesk
unload
load ~/voor-helpdesk/leerling.csv
load ~/voor-helpdesk/groepen.csv
load ~/voor-helpdesk/koppel.csv
check
unload
load split/leerling.csv
load split/koppel.csv
check
anonimiseer ~/split
anonimiseer ~/split --force
load ~/split/leerling.csv
load ~/split/koppel.csv
check
status
anonimiseer ~/voor-helpdesk
