#! store: file
# Zonder --yes weigert een script de commit die veel koppelingen beëindigt: exit 1.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
check
commit
load kwart/leerling.csv
check
commit
