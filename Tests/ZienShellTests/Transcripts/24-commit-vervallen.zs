# Na check vervalt de wijzigingenset als de sessie verandert (hier: het schooljaar): exit 1.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
load school/leerling.csv
check
schooljaar 2025-2026
show changes
