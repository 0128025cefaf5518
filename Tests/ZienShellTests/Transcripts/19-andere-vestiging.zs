# Leerlingen van een andere vestiging worden overgeslagen; check zonder Fout eindigt met 0.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestiging Het Baken
load school/leerling.csv
check
show log waarschuwing
