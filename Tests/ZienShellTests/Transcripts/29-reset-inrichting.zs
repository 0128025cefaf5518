#! store: file
# reset-inrichting --yes: wat verdwijnt, commit zonder tweede vraag, en daarna maakt dezelfde
# import de koppelingen opnieuw.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
reset-inrichting --yes
load school/leerling.csv
load school/groepen.csv
load school/koppel.csv
check
commit
reset-inrichting 2025-2026 --yes
reset-inrichting 2026-2027 --yes
show changes groepen verwijderd
show changes koppelingen verw leerling 10002
status
commit
show imports
show imports 3
show leerling 10002
check
