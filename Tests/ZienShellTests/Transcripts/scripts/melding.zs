# Een melding naspelen; het script staat naast het bestand van de school.
vestiging add Leeuwenbrug   # eerst de vestiging
load koppel.csv             # het bestand naast dit script, van waar je ook start
check; show row 2 koppel
