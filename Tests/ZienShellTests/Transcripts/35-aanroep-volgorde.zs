# Meerdere -c en -f draaien in de gegeven volgorde, in één sessie (zoals psql).
#! invoke: -c 'vestiging add Leeuwenbrug; vestigingen' -f scripts/status.zs -c 'schooljaar 2025-2026' -c schooljaar
#! invoke: -c 'vestiging add A' -c 'vestiging add A' -c vestigingen
