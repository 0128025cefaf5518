# check --json geeft de samenvatting als lijst: niveau, code, aantal, eerste regels en wat te doen.
#! args: --json
vestiging add Leeuwenbrug
load defects/leerling.csv
check
