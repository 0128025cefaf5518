# zien-shell --help en -h: Nederlandse hulp, exit 0.
#! invoke: --help
#! invoke: -h
