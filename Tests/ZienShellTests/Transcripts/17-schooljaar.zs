# Het schooljaar: standaard het jaar waarin vandaag valt (ZIEN_TODAY=2026-11-29).
schooljaar
schooljaar 2025-2026
schooljaar 2025/2026
schooljaar 2026
schooljaar 2026-2028
