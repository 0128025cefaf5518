# $1 is het bestand (vanaf de map waar zien-shell startte), ${VESTIGING} de vestiging.
vestiging add "${VESTIGING}"
load $1 as koppel
show row 1
vestiging add Prijs$$5   # $$ is een letterlijke $
vestiging add '$1 blijft $1 tussen enkele aanhalingstekens'
vestigingen
