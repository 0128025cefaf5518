# Groepen en koppel naast een leerlingbestand: elk ziet wat het vorige zou aanmaken.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestiging Leeuwenbrug
load defects/leerling.csv
load defects/groepen.csv
load defects/koppel.csv
check
show log waarschuwing
show log info
show row 2 koppel
