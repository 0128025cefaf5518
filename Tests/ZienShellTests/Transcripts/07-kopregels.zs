# Kopregel over twee regels, kolommen in de verkeerde volgorde, geen kopregel, TAB, Magisters eigen namen.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load split/leerling.csv
show row 1
show row 2
show row 3
check
unload
load broken/kolomvolgorde.csv
check
unload
load noheader/leerling.csv
load tab/groepen.txt
load magister/groepen.txt
status
check
