# Een script krijgt $1 … $9 en -v-variabelen; een ontbrekende noemt de regel van het script.
#! invoke: -v 'VESTIGING=Het Baken' scripts/argumenten.zs school/koppel.csv
#! invoke: -v VESTIGING=X scripts/argumenten.zs
#! invoke: scripts/onbekend.zs
#! invoke: -v BESTAND=school/koppel.csv scripts/onbekend.zs
#! invoke: -v X=1 -c 'vestiging add "${X}"; vestigingen; vestiging add $1'
