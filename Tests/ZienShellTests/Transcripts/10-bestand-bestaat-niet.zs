# Een bestand dat niet bestaat: het script stopt en noemt de regel; status wordt niet meer uitgevoerd.
vestiging add Leeuwenbrug

load bestaat-niet.csv
status
