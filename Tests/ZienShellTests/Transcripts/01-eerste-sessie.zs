# Een eerste sessie: vestiging toevoegen, drie bestanden laden, testen en een regel bekijken.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestigingen
load school/leerling.csv
load school/groepen.csv
load school/koppel.csv
status
check
show row 2 leerling
show log waarschuwing
