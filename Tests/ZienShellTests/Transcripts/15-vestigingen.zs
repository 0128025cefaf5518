#! store: file
# Vestigingen beheren; ze blijven in de opslag.
vestigingen
vestiging add Leeuwenbrug
vestiging add Leeuwenburg
vestiging add "Het Baken"
vestiging
vestiging rename Leeuwenburg "De Brug"
vestiging remove "De Brug"
vestigingen
status
vestiging add Leeuwenbrug
