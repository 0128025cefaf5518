#! args: --json
#! store: file
# Het Importoverzicht als JSON: de lijst zonder meldingen, één regel met zijn meldingen.
vestiging add Leeuwenbrug
vestiging add "Het Baken"
vestiging Leeuwenbrug
load school/koppel.csv
check
commit
load defects/koppel.csv
check
show imports
show imports 3
