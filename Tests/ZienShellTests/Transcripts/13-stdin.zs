#! stdin
# Opdrachten op standaardinvoer: geen prompt, zelfde gedrag als een script.
vestiging add Leeuwenbrug
load school/leerling.csv
load school/koppel.csv
check
sh r 1 k
schooljaar
