# help per groep, help per opdracht, afkortingen en "bedoelde je".
help
help show row
help vestiging
st
lod school/koppel.csv
