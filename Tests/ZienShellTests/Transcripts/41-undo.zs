#! store: file
# undo: een gefilterde export teruggedraaid (elke koppeling weer actief met haar eigen begindatum),
# dan de reset en de eerste import; undo wordt zelf niet teruggedraaid.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
check
commit
load kwart/leerling.csv
check
commit --yes
show leerling 10052
undo
show changes koppelingen gewijzigd leerling 10052
commit --yes
show leerling 10052
reset-inrichting --yes
commit
undo
show changes koppelingen leerling 10052
commit --yes
undo
status
commit --yes
show imports
show imports 8
undo
