"""Inputs for the hostile-input suite (tests/test_hostile.py): valid parameters for every algorithm,
GeoPackage layers written in any CRS (or none), and checksums of files before and after a run."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME_CSV = ROOT / "resources" / "sample" / "technical_programme_rows_serres_2019.csv"


def layer(db, name):
    return f"{db}|layername={name}"


def valid_parameters(alg_id: str, db: str, out: Path) -> dict | None:
    """Parameters with which `alg_id` runs on the sample database `db`, every output under `out`.
    None for algorithms with no output (they change a layer by design, or only verify)."""
    siting = {
        "DEMAND": layer(db, "census_block"), "POPULATION_FIELD": "population",
        "CANDIDATES": layer(db, "municipal_property"), "NEW_SITES": 2, "TIME_LIMIT_S": 5,
        "OUTPUT": str(out / "sites.gpkg"), "DEMAND_OUTPUT": str(out / "demand.gpkg"), "CURVE": str(out / "curve.csv"),
    }
    table = {
        "bike_station_siting": dict(siting, EXISTING=layer(db, "bike_station")),
        "playground_siting": dict(siting, EXISTING=layer(db, "playground")),
        "check_database": {"INPUT": db, "OUTPUT": str(out / "findings.csv")},
        "create_database": {"OUTPUT": str(out / "new.gpkg")},
        "generate_sample_municipality": {"OUTPUT": str(out / "new_sample.gpkg"), "PARCELS": 1000, "SEED": 2},
        "deprivation_index": {"INPUT": layer(db, "census_block"),
                              "INDICATORS": "unemployment_rate; low_education_share; overcrowding_share",
                              "OUTPUT": str(out / "index.gpkg")},
        "encroachment_check": {"PROPERTIES": layer(db, "municipal_property"), "OCCUPIED": layer(db, "parcel"),
                               "RATE_EUR_M2_YEAR": 8.0, "PERIOD_START": "2024-01-01", "PERIOD_END": "2024-12-31",
                               "OUTPUT": str(out / "pieces.gpkg"), "OUTPUT_NOISE": str(out / "noise.gpkg")},
        "funding_proposal_maps": {"DATABASE": db, "YEAR": 2019, "FOLDER": str(out / "maps")},
        "import_technical_programme": {"INPUT": str(PROGRAMME_CSV), "DATABASE": db, "YEAR": 2019, "DRY_RUN": True,
                                       "OUTPUT": str(out / "import.csv")},
        "land_use_certificate": {"PARCELS": layer(db, "parcel"), "ZONING": layer(db, "land_use_zone"),
                                 "KAEK_LIST": "", "OUTPUT": str(out / "certificates.gpkg"),
                                 "KAEK_PROBLEMS": str(out / "kaek_problems.csv")},
        "lease_status": {"PROPERTIES": layer(db, "municipal_property"), "LEASES": layer(db, "lease"),
                         "AS_OF": "2019-12-31", "OUTPUT": str(out / "status.gpkg"),
                         "OUTPUT_RENT_ROLL": str(out / "roll.csv"), "OUTPUT_PROBLEMS": str(out / "problems.csv")},
        "neighbour_list": {"PROPERTIES": layer(db, "municipal_property"), "PARCELS": layer(db, "parcel"),
                           "OUTPUT": str(out / "neighbours.gpkg")},
        "programme_summary": {"DATABASE": db, "YEAR": 2019, "OUTPUT": str(out / "summary.csv"),
                              "CONFLICTS": str(out / "conflicts.gpkg")},
        "regeneration_zones": {"INPUT": layer(db, "census_block"), "VALUE_FIELD": "unemployment_rate",
                               "PERMUTATIONS": 99, "OUTPUT": str(out / "blocks.gpkg"),
                               "OUTPUT_ZONES": str(out / "zones.gpkg")},
        "service_coverage": {"FACILITIES": layer(db, "playground"), "DEMAND": layer(db, "census_block"),
                             "POPULATION_FIELD": "population", "OUTPUT": str(out / "coverage.gpkg"),
                             "CATCHMENTS": str(out / "catchments.gpkg"), "SUMMARY": str(out / "served.csv")},
        "topographic_diagram": {"INPUT": layer(db, "municipal_property"), "CODE": "__FIRST_PROPERTY__",
                                "PARCELS": layer(db, "parcel"), "OUTPUT": str(out / "diagram.pdf")},
        "layer_as_of": {"DATABASE": db, "LAYER": 0, "AS_OF": "2030-01-01T00:00:00", "OUTPUT": str(out / "as_of.gpkg")},
        "edit_history": {"DATABASE": db, "OUTPUT": str(out / "history.gpkg")},
        "link_features_to_project": None,  # links the features of LAYER in place: its purpose
        "split_parcel": None,  # edits the database's parcels in one transaction: its purpose
        "merge_parcels": None,  # idem
        "undo_change": None,  # idem (a compensating change)
        "verify_land_use_certificate": None,  # writes nothing
    }
    return table[alg_id]


def sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksums(*paths) -> dict:
    """Checksums of the files (and of every file in the folders) given."""
    found = {}
    for path in paths:
        path = Path(path)
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            found[str(file)] = sha256(file)
    return found


def write_gpkg(path, layers: dict) -> str:
    """Write layers with OGR: {name: {"crs": EPSG code or None, "geometry": "Polygon"/"Point"/…/None,
    "fields": [(name, "str"|"real"|"int")], "rows": [(values dict, shapely geometry in EPSG:2100)]}}.
    Geometries are given in ΕΓΣΑ87 and transformed to the layer's CRS, so that results can be compared."""
    import shapely
    import shapely.ops
    from osgeo import ogr, osr
    from pyproj import Transformer

    kinds = {"str": ogr.OFTString, "real": ogr.OFTReal, "int": ogr.OFTInteger64}
    geometry_types = {None: ogr.wkbNone, "Point": ogr.wkbPoint, "LineString": ogr.wkbLineString,
                      "Polygon": ogr.wkbPolygon, "MultiPolygon": ogr.wkbMultiPolygon}
    driver = ogr.GetDriverByName("GPKG")
    dataset = ogr.Open(str(path), 1) if Path(path).exists() else driver.CreateDataSource(str(path))
    for name, spec in layers.items():
        srs = None
        epsg = spec.get("crs")
        if epsg is not None and spec.get("geometry") is not None:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(epsg)
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        target = dataset.CreateLayer(name, srs, geometry_types[spec.get("geometry")])
        for field, kind in spec.get("fields", []):
            target.CreateField(ogr.FieldDefn(field, kinds[kind]))
        transform = None
        if epsg not in (None, 2100):
            transformer = Transformer.from_crs(2100, epsg, always_xy=True)
            transform = lambda g, t=transformer: shapely.ops.transform(t.transform, g)  # noqa: E731
        for values, geometry in spec.get("rows", []):
            feature = ogr.Feature(target.GetLayerDefn())
            for key, value in values.items():
                if value is not None:
                    feature.SetField(key, value)
            if geometry is not None:
                if transform is not None:
                    geometry = transform(geometry)
                feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geometry)))
            target.CreateFeature(feature)
    dataset = None
    return str(path)
