#! store: file
# Een klaargezette undo vervalt niet stil (SPEC §4): een check erna zegt het, een undo die een
# klaarliggende check vervangt ook; dezelfde undo nog eens kost niets en zegt niets.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
check
commit
load kwart/leerling.csv
check
undo
undo
check
status
undo
load school/leerling.csv
status
undo
reset-inrichting --yes
undo
