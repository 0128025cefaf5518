# Een eerste import met meer dan 1000 regels: 'show changes' stopt na ongeveer 1000 regels en
# zegt hoeveel er nog volgen; met --alles komt alles.
vestiging add Leeuwenbrug
load groot/leerling.csv
load groot/groepen.csv
load groot/koppel.csv
check
show changes
show changes --alles
