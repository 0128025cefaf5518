# check zonder gekozen vestiging mislukt (exit 1) en zegt wat te doen.
load school/koppel.csv
check
