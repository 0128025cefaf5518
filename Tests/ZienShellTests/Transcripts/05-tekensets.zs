# Elke tekenset wordt herkend; show row laat de bytes zien zoals ze in het bestand staan.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load cp1252/leerling.csv
show row 1 leerling
unload
load latin1/groepen.csv
charset
unload
load utf16le/leerling.txt
load utf16be/groepen.txt
load bom/koppel.csv
status
check
unload
load broken/cp1252-bytes.csv
show row 2
