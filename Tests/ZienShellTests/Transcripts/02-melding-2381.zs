# De helpdesk speelt de melding "Fout op regel 2381" na (het voorbeeld uit de handleiding).
vestiging add Leeuwenbrug
load melding2381/leerling.csv
charset windows-1252
vestiging Leeuwenbrug
check
show row 2381
show log fout
