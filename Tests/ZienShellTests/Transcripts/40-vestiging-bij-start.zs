# --vestiging en ZIEN_VESTIGING kiezen de vestiging bij de start; een opslag met één vestiging kiest die vanzelf.
#! invoke: --store vest40.json -c 'vestiging add Leeuwenbrug'
#! invoke: --store vest40.json -c vestiging
#! invoke: --store vest40.json --json -c vestiging
#! invoke: --store vest40.json -c 'vestiging add "Het Baken"'
#! invoke: --store vest40.json -c vestiging
#! invoke: --store vest40.json --vestiging 'Het Baken' -c vestiging
#! invoke: ZIEN_VESTIGING=Leeuwenbrug --store vest40.json -c vestiging
#! invoke: ZIEN_VESTIGING=Leeuwenbrug --store vest40.json --vestiging 'Het Baken' -c vestiging
#! invoke: --store vest40.json --vestiging Leeuwenburg -c vestiging
