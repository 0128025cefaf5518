#! args: --json
# check --json geeft de aantallen per soort; show changes --json elke wijziging.
vestiging add Leeuwenbrug
load defects/groepen.csv
check
show changes groepen
