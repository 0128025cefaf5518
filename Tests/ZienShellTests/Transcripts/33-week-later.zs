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
commit
show leerling 10008
check
show changes
