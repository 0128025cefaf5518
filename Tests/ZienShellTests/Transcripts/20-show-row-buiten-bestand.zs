# Een regel buiten het bestand is een mislukte opdracht.
vestiging add Leeuwenbrug
load school/groepen.csv
show row 0
show row 999
