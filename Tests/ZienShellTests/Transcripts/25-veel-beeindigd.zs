#! store: file
# Een gefilterde export beëindigt veel koppelingen: commit vraagt bevestiging (in een script: --yes).
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
check
commit
load kwart/leerling.csv
check
show changes koppelingen beeindigd
commit --yes
check
commit
