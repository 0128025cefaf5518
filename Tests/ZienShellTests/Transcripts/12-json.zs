#! args: --json
# Met --json schrijft elke opdracht één JSON-document op één regel.
vestiging add Leeuwenbrug
load defects/koppel.csv
check
show row 1
show log fout
status
show row 99
