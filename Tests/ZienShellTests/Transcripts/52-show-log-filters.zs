# show log: filters op niveau, code, regels en soort gaan samen.
vestiging add Leeuwenbrug
load defects/leerling.csv
load defects/koppel.csv
check
show log fout
show log geslacht-ongeldig
show log regel 2381
show log regel 5-9
show log koppel
show log waarschuwing koppel
show log fout waarschuwing regel 1-12 leerling
show log ongeldige-datum dubbel-leerlingnummer
show log info regel 18-20 --alles
show log leerling-onbekend leerling
show log regel 9-3
