# Een map is geen bestand.
load school
