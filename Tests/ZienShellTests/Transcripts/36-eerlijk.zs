# Eerlijk over de wijzigingenset (SPEC §4): een set van een check met een Fout is te zien maar
# niet in te lezen; elke opdracht die een klaarliggende set laat vervallen, zegt dat.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestiging Leeuwenbrug
load school/leerling.csv
load defects/koppel.csv
check
status
show changes groepen
schooljaar 2026-2027
check
charset utf-8
check
vestiging Leeuwenbrug
check
unload koppel
check
status
load school/koppel.csv
check
vestiging add Zuid
check
commit
reset-inrichting 2026-2027 --yes
check
load defects/koppel.csv
check
commit
