# Een tweede script: draait na het eerste -c en vóór het volgende.
vestigingen
schooljaar
