# Een script uit een andere map laadt het bestand naast zich, niet naast de werkmap.
#! invoke: scripts/melding.zs
#! invoke: -f scripts/melding.zs
#! invoke: -c 'source scripts/melding.zs'
#! invoke: -c 'load koppel.csv'
