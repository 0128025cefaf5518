#! store: file
# Een teken dat de gekozen tekenset niet kan schrijven is een fout die de leerling noemt; er
# wordt niets geschreven.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
check
commit
unload
charset windows-1252
export ~/uit leerling
