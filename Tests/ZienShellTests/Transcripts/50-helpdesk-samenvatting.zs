# De helpdesk: 'Het Baken' is nog niet toegevoegd (300 Fouten) en regel 2381 heeft Geslacht 2381.
# De samenvatting noemt beide meteen, met wat te doen; check --json en show imports 1 ook.
#! store: file
vestiging add Leeuwenbrug
load helpdesk/leerling.csv
check
show row 2381
show imports 1
