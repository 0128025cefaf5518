# Elke fout in de aanroep is Nederlands en geeft exit 2.
#! invoke: --bogus
#! invoke: --jsn -c status
#! invoke: -c
#! invoke: -f
#! invoke: --store
#! invoke: -c status extra.zs
#! invoke: -v x -c status
#! invoke: -v 1=een -c status
#! invoke: --json=ja
#! invoke: --store '' -c status
