#! store: file
# In een script zet reset-inrichting zonder --yes niets klaar: exit 1, de opslag blijft gelijk.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
load school/groepen.csv
load school/koppel.csv
check
commit
reset-inrichting 2026-2027
