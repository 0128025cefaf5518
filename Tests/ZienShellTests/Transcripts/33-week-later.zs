# Een week later: een klas verhuist (1A → 1B, met andere mentoren), klas 2C krijgt een andere
# mentor, twee nieuwe leerlingen, één vertrokken; 'show changes' leest als een plan.
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
show changes
# Een nieuwe leerling met zijn gegevens, een verhuisde leerling, een groep, een type.
show changes leerling 20001
show changes leerling 10008
show changes groep 1B
show changes koppelingen beeindigd
show changes medewerkers
# Zonder de globale --json: één opdracht als JSON (een verhuisde leerling: elke wijziging apart).
show changes leerling 10008 --json
commit
show leerling 10008
check
show changes
# Dezelfde bestanden na de commit nog eens: een lege wijzigingenset; 'status' zegt dat de
# opslag al bevat wat de bestanden zeggen, 'show changes --json' zegt het als JSON.
status
show changes --json
