# load … as SOORT bepaalt de soort zelf; show row vraagt de soort als er meer bestanden zijn.
vestiging add Leeuwenbrug
load school/koppel.csv as leerling
check
unload leerling
load school/koppel.csv as koppel
load school/groepen.csv
show row 3
