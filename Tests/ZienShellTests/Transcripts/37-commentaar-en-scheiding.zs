# ; scheidt en # begint commentaar, buiten aanhalingstekens; erbinnen zijn ze gewoon tekst.
vestiging add Leeuwenbrug   # eerst de vestiging
vestiging add "Het # Baken"; vestiging add 'De ; Brug'   # twee opdrachten op één regel
vestigingen   # drie vestigingen, zonder commentaar in hun namen
load school/koppel.csv; show row 1 koppel # ; status wordt niet uitgevoerd
vestiging add Nog\ een\;naam
vestigingen
