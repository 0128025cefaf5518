# Aanhalingstekens volgens RFC 4180: scheidingsteken en regeleinde binnen een veld, "" als ".
vestiging add Leeuwenbrug
load quoted/koppel.csv
check
show row 2
show row 3
show row 4
show row 7
show row 8
load broken/unterminated.csv
check
show row 2
