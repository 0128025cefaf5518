# Een UTF-8-export die in Excel als Windows-1252 is geopend en weer als UTF-8 is opgeslagen:
# de namen zijn in het bestand zelf verminkt. check noemt ze met de herstelde tekst; 'charset
# herstel' herstelt ze in het geheugen (het bestand blijft zoals het is), zodat de wijzigingen
# de goede namen hebben.
vestiging add Leeuwenbrug
load dubbel/leerling.csv
check
show row 2
charset herstel
check
show row 2
show changes leerling 10000
status
