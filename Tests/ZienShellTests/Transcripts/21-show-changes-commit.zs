#! store: file
# De applicatiebeheerder: check, wijzigingen bekijken, inlezen; dezelfde bestanden nog eens geeft niets.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestiging Leeuwenbrug
load school/leerling.csv
load school/groepen.csv
load school/koppel.csv
check
show changes
show changes koppelingen leerling 10002
show changes groepen nieuw
commit
check
show changes
commit
show imports
show imports 2
show leerling 10002
show groep 1-ne
status
