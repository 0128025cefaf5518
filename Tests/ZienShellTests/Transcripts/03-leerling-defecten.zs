# Elke melding van het leerlingbestand, één defect per regel.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestiging Leeuwenbrug
load defects/leerling.csv
check
show log
show row 7
show row 25
