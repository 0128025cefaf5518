# Zonder check is er niets in te lezen: exit 1.
vestiging add Leeuwenbrug
load school/koppel.csv
commit
