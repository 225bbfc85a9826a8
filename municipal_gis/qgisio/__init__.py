"""QGIS data in and out: feature sources to shapely + numpy for the core and back (`features`), and
bulk GeoPackage output behind a QGIS file sink (`gpkg_writer`). Imports core and schema, never
processing/ or gui/ (tests/test_layering.py)."""
