#! store: file
# Een check met een Fout: commit weigert met exit 3 en leest niets in.
vestiging add Leeuwenbrug
load melding2381/leerling.csv
check
commit
