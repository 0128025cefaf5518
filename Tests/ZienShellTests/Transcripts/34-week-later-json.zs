#! args: --json
# Hetzelfde als 33, als JSON: elke wijziging met soort, onderwerp en velden voor → na.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestiging Leeuwenbrug
load weekbasis/leerling.csv
load weekbasis/groepen.csv
load weekbasis/koppel.csv
check
commit
load weeklater/leerling.csv
load weeklater/groepen.csv
load weeklater/koppel.csv
check
show changes leerling 20001
show changes leerling 10008
show changes leerling 10110
show changes
# Een nieuwe load laat de wijzigingenset vervallen: "discarded" zegt wat er verviel.
load weeklater/koppel.csv
