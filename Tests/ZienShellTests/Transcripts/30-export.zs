#! store: file
# export schrijft de inrichting als de drie Magister-bestanden, in tekenset en scheidingsteken
# van de geladen bestanden; opnieuw inlezen verandert niets; bestaande bestanden alleen met --force.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
export ~/uit
load cp1252/leerling.csv
load utf16le/groepen.txt
load school/koppel.csv
check
commit
export ~/uit
load ~/uit/leerling.csv
load ~/uit/groepen.txt
load ~/uit/koppel.csv
check
export ~/uit koppel --force
export ~/uit
