"""Print layouts: what every printed PDF shares and the overview map (`layout`), the land-use
certificate (`certificate`). Imports core, schema and qgisio, never processing/ or gui/
(tests/test_layering.py)."""
