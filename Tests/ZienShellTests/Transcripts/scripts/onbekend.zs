# Een variabele die niet gezet is, stopt het script op zijn regel.
vestigingen
load ${BESTAND}
vestigingen
