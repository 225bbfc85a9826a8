"""The land-use certificate's fast paths give what its reference paths give.

Fast: GeoPackage inputs read in bulk (GDAL Arrow), the output GeoPackage filled by the bulk writer
(multi-row INSERTs, packed R-tree), a TEMPORARY_OUTPUT written as a temporary GeoPackage, plain
ΚΑΕΚ codes and registered areas checked in numpy. Reference: memory layers read through QGIS's
feature iterator and written row by row into a memory layer, every code and number checked one
by one.
"""

import math
import sqlite3

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsFeature, QgsFeatureSource, QgsGeometry, QgsVectorLayer

X0, Y0 = 462_000.0, 4_548_000.0
ZONE_FIELDS = (("zone_code", "string"), ("far", "double"), ("coverage_pct", "double"), ("plan_name", "string"))


def _memory_layer(uri, rows):
    layer = QgsVectorLayer(uri, "layer", "memory")
    features = []
    for geometry, attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(attributes)
        feature.setGeometry(QgsGeometry.fromWkt(geometry.wkt))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def _geopackage(path, name, fields, rows):
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2100)
    ds = ogr.Open(str(path), 1) if path.exists() else ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer(name, srs, ogr.wkbMultiPolygon, ["GEOMETRY_NAME=geom"])
    for field, kind in fields:
        layer.CreateField(ogr.FieldDefn(field, ogr.OFTReal if kind == "double" else ogr.OFTString))
    for geometry, attributes in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (field, _), value in zip(fields, attributes):
            if value is not None:
                feature.SetField(field, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(shapely.multipolygons([geometry]))))
        layer.CreateFeature(feature)
    ds = None
    return QgsVectorLayer(f"{path}|layername={name}", name, "ogr")


@st.composite
def layouts(draw):
    """Voronoi parcels and zones over a 200 m square (zones leave an unzoned margin), with codes and
    registered areas that are sometimes odd (duplicated, malformed, missing, negative, NaN)."""
    seed = draw(st.integers(0, 2**32 - 1))
    n_parcels, n_zones = draw(st.integers(3, 30)), draw(st.integers(1, 6))
    rng = np.random.default_rng(seed)
    frame = shapely.box(X0, Y0, X0 + 200, Y0 + 200)

    def cells(n):
        points = rng.uniform(0, 200, (n, 2)) + [X0, Y0]
        if n == 1:
            return [frame]
        return list(shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(
            shapely.multipoints(points), extend_to=frame)), frame))

    parcels = cells(n_parcels)
    zones = list(shapely.intersection(cells(n_zones), shapely.box(X0 + 15, Y0 + 15, X0 + 185, Y0 + 185)))
    zones = [z for z in zones if not z.is_empty and z.geom_type == "Polygon"]
    codes = [f"40016{i:07d}" for i in range(len(parcels))]
    if draw(st.booleans()):  # now and then a clean layer is spoilt: the careful path must be taken
        k = draw(st.integers(0, len(parcels) - 1))
        codes[k] = draw(st.sampled_from([codes[(k + 1) % len(codes)], "4001604", " 400160000001 ", "", None]))
    registered = [float(round(p.area, 2)) for p in parcels]
    if draw(st.booleans()):
        k = draw(st.integers(0, len(parcels) - 1))
        registered[k] = draw(st.sampled_from([None, -5.0, 1e300, 0.0]))  # not NaN: a GeoPackage stores NULL
    zone_rows = [[f"Z{j}", float(rng.choice([0.4, 0.8, 1.6])), float(rng.choice([40, 60])), "ΓΠΣ"]
                 for j in range(len(zones))]
    return parcels, codes, registered, zones, zone_rows


def _run(parcels, zones, output):
    from qgis import processing

    return processing.run("municipal_gis:land_use_certificate", {
        "PARCELS": parcels, "ZONING": zones, "OUTPUT": output, "KAEK_PROBLEMS": "memory:"})


def _rows(layer):
    """Every output row as a tuple of its values and its geometry's area, sorted."""
    from municipal_gis.qgisio.features import to_python

    names = [f.name() for f in layer.fields() if f.name() != "fid"]
    rows = []
    for feature in layer.getFeatures():
        values = tuple(to_python(feature[n]) for n in names)
        rows.append((values, feature.geometry().area()))
    return names, sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r[0][:3]) + (r[1],))


def _same(a, b):
    """Rows equal; areas (the area_m2 column and the geometry's) within 0.01 m²."""
    (names_a, rows_a), (names_b, rows_b) = a, b
    assert names_a == names_b and len(rows_a) == len(rows_b)
    for (values_a, area_a), (values_b, area_b) in zip(rows_a, rows_b):
        for name, x, y in zip(names_a, values_a, values_b):
            if isinstance(x, float) and isinstance(y, float):
                assert math.isclose(x, y, abs_tol=0.01 if name.endswith("m2") else 1e-9), (name, x, y)
            else:
                assert x == y, (name, x, y)
        assert abs(area_a - area_b) <= 0.01


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])  # provider: registered once
@given(layout=layouts())
def test_fast_paths_give_the_reference_rows(provider, tmp_path_factory, layout):
    parcels, codes, registered, zones, zone_rows = layout
    folder = tmp_path_factory.mktemp("fast")
    parcel_fields = (("kaek", "string"), ("registered_area_m2", "double"))
    parcel_rows = [(g, [c, a]) for g, c, a in zip(parcels, codes, registered)]
    zone_rows = list(zip(zones, zone_rows))
    path = folder / "in.gpkg"
    gpkg_parcels = _geopackage(path, "parcel", parcel_fields, parcel_rows)
    gpkg_zones = _geopackage(path, "land_use_zone", ZONE_FIELDS, zone_rows)
    # reference: every shortcut off: QGIS's iterator, each code and number checked, a memory layer
    from municipal_gis.core import kaek
    from municipal_gis.processing.algorithms import land_use_certificate as algorithm

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(algorithm, "bulk_readable_layer", lambda *args, **kwargs: None)
        patch.setattr(kaek, "all_plain_and_unique", lambda values: False)
        patch.setattr(algorithm, "_numbers_to_check", lambda values, index: np.asarray(index, dtype=np.int64))
        reference = _run(gpkg_parcels, gpkg_zones, "memory:")
    # fast: the same GeoPackage inputs in bulk, into a GeoPackage and into a temporary output
    out = folder / "out.gpkg"
    to_file = _run(gpkg_parcels, gpkg_zones, str(out))
    temporary = _run(gpkg_parcels, gpkg_zones, "TEMPORARY_OUTPUT")

    expected = _rows(reference["OUTPUT"])
    written = QgsVectorLayer(str(out), "out", "ogr")
    _same(_rows(written), expected)
    _same(_rows(temporary["OUTPUT"]), expected)
    assert len(expected[1]) >= len(parcels) - 2  # every certified parcel has at least one piece
    problems = sorted(tuple(f.attributes()) for f in reference["KAEK_PROBLEMS"].getFeatures())
    assert sorted(tuple(f.attributes()) for f in to_file["KAEK_PROBLEMS"].getFeatures()) == problems

    # the GeoPackage opens in QGIS with the fields, CRS, count and spatial index of the reference
    assert written.isValid() and written.crs().authid() == "EPSG:2100"
    assert written.fields().names() == ["fid"] + reference["OUTPUT"].fields().names()
    assert written.featureCount() == reference["OUTPUT"].featureCount() == len(expected[1])
    assert written.wkbType() == reference["OUTPUT"].wkbType()
    assert written.hasSpatialIndex() == QgsFeatureSource.SpatialIndexPresent
    assert isinstance(temporary["OUTPUT"], QgsVectorLayer) and temporary["OUTPUT"].providerType() == "ogr"
    with sqlite3.connect(out) as con:
        table = con.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        rtree = f"rtree_{table}_geom"
        assert con.execute(f"SELECT rtreecheck('{rtree}')").fetchone()[0] == "ok"
        assert con.execute(f'SELECT count(*) FROM "{rtree}"').fetchone()[0] == len(expected[1])
        count = con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name=?", (table,)).fetchone()
        assert count[0] == len(expected[1])


def test_temporary_output_loads_on_completion_under_its_name(provider, tmp_path):
    """As in the desktop: a TEMPORARY_OUTPUT definition gives a temporary-store layer loaded under its name."""
    from qgis.core import (
        QgsApplication,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
    )

    parcel = shapely.box(X0, Y0, X0 + 10, Y0 + 10)
    parcels = _memory_layer("Polygon?crs=EPSG:2100&field=kaek:string", [(parcel, ["400160000001"])])
    zones = _memory_layer("Polygon?crs=EPSG:2100&field=zone_code:string",
                          [(shapely.box(X0 - 5, Y0 - 5, X0 + 4, Y0 + 20), ["A"])])
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    definition = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())
    definition.destinationName = "Τμήματα"
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("municipal_gis:land_use_certificate")
    result, ok = algorithm.run({"PARCELS": parcels, "ZONING": zones, "OUTPUT": definition}, context,
                               QgsProcessingFeedback())
    assert ok
    to_load = context.layersToLoadOnCompletion()
    assert list(to_load) == [result["OUTPUT"]] or result["OUTPUT"] in to_load
    assert to_load[result["OUTPUT"]].name == "Τμήματα"
    layer = context.getMapLayer(result["OUTPUT"])
    assert layer.providerType() == "ogr" and layer.source().endswith(".gpkg")
    assert sorted(round(f["area_m2"], 6) for f in layer.getFeatures()) == [40.0, 60.0]


def test_temporary_output_from_a_script_is_named_as_the_output(provider):
    """processing.run(…, OUTPUT=TEMPORARY_OUTPUT) from the Python console or the panel: the layer handed back
    was named «pieces», while the memory output beside it is named after its output («ΚΑΕΚ problems», as QGIS
    names every temporary output): added to the project it showed as «pieces», in a Greek QGIS too."""
    from qgis import processing

    from municipal_gis.i18n import install_translator

    parcels = _memory_layer("Polygon?crs=EPSG:2100&field=kaek:string",
                            [(shapely.box(X0, Y0, X0 + 10, Y0 + 10), ["400160000001"])])
    zones = _memory_layer("Polygon?crs=EPSG:2100&field=zone_code:string",
                          [(shapely.box(X0 - 5, Y0 - 5, X0 + 4, Y0 + 20), ["A"])])
    parameters = {"PARCELS": parcels, "ZONING": zones, "OUTPUT": "TEMPORARY_OUTPUT", "KAEK_PROBLEMS": "TEMPORARY_OUTPUT"}
    result = processing.run("municipal_gis:land_use_certificate", parameters)
    assert result["OUTPUT"].providerType() == "ogr"
    assert result["OUTPUT"].name() == "Parcel × zone pieces"
    assert result["KAEK_PROBLEMS"].name() == "ΚΑΕΚ problems"
    install_translator("el")
    try:
        result = processing.run("municipal_gis:land_use_certificate", parameters)
    finally:
        install_translator("en")
    assert result["OUTPUT"].name() == "Τμήματα γεωτεμαχίου × ζώνης"


class _Log:
    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        self.feedback = QgsProcessingFeedback()
        self.lines = []
        self.feedback.pushInfo = self.lines.append  # the messages as the dialog's log shows them


@pytest.mark.parametrize("language", ["en", "el"])
def test_one_parcel_is_counted_in_the_singular_in_the_log(provider, language):
    """The certificate panel issues one parcel at a time: the log read «1 parcels to certify, 0 ΚΑΕΚ problems.»
    («1 γεωτεμάχια για βεβαίωση»)."""
    from qgis import processing

    from municipal_gis.i18n import install_translator

    parcels = _memory_layer("Polygon?crs=EPSG:2100&field=kaek:string",
                            [(shapely.box(X0, Y0, X0 + 10, Y0 + 10), ["400160000001"]),
                             (shapely.box(X0 + 20, Y0, X0 + 30, Y0 + 10), ["400160000002"])])
    zones = _memory_layer("Polygon?crs=EPSG:2100&field=zone_code:string",
                          [(shapely.box(X0 - 5, Y0 - 5, X0 + 40, Y0 + 20), ["A"])])
    texts = {}
    install_translator(language)
    try:
        for codes in ("400160000001", "400160000001\n400160000002", "400160000001\n999"):
            log = _Log()
            processing.run("municipal_gis:land_use_certificate", {
                "PARCELS": parcels, "ZONING": zones, "KAEK_LIST": codes, "OUTPUT": "memory:"}, feedback=log.feedback)
            texts[codes] = next(line for line in log.lines if "ΚΑΕΚ" in line)
    finally:
        install_translator("en")
    if language == "el":
        assert list(texts.values()) == ["1 γεωτεμάχιο για βεβαίωση, 0 προβλήματα ΚΑΕΚ.",
                                        "2 γεωτεμάχια για βεβαίωση, 0 προβλήματα ΚΑΕΚ.",
                                        "1 γεωτεμάχιο για βεβαίωση, 1 πρόβλημα ΚΑΕΚ."]
    else:
        assert list(texts.values()) == ["1 parcel to certify, 0 ΚΑΕΚ problems.",
                                        "2 parcels to certify, 0 ΚΑΕΚ problems.",
                                        "1 parcel to certify, 1 ΚΑΕΚ problem."]


@given(st.lists(st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10**13),
    st.sampled_from(["12,5", "abc", " ", "", "1e400", "-3"]), st.booleans()), max_size=30))
def test_numbers_to_check_holds_every_value_check_number_would_touch(values):
    from municipal_gis.core.values import EMPTY, check_number
    from municipal_gis.processing.algorithms.land_use_certificate import _numbers_to_check

    index = np.arange(len(values))
    picked = set(_numbers_to_check(values, index).tolist())
    for i, value in enumerate(values):
        number, reason = check_number(value, decimal_comma=True, allow_negative=False)
        untouched = reason in (None, EMPTY) and (number is value or (value is None and number is None))
        if not untouched:
            assert i in picked, (value, number, reason)


@given(st.lists(st.one_of(
    st.from_regex(r"\A[0-9]{12}\Z"), st.sampled_from(["400160000001", "４00160000001", "40016000000", "4001600000012",
                                                       " 400160000001", "400160000001/1", ""]),
    st.none(), st.integers(0, 10**12)), max_size=12))
def test_plain_codes_shortcut_is_exactly_the_checked_result(values):
    from municipal_gis.core import kaek

    fast = kaek.all_plain_and_unique(values)
    checks = [kaek.check(v) for v in values]
    targets, problems = kaek.select_targets(checks)
    plain = all(type(v) is str and len(v) == 12 and v.isascii() and v.isdigit() for v in values)
    assert fast == (plain and len(set(values)) == len(values))
    if fast:  # what the algorithm then skips: every parcel, as it is, no problem
        assert targets == list(range(len(values))) and not problems
        assert [c.normalised for c in checks] == values


@pytest.mark.parametrize("rows", [0, 1, 199, 200, 201, 1000])
def test_bulk_writer_inserts_every_row_whatever_the_statement_size(tmp_path, rows):
    """Rows arrive in blocks that do not fill whole multi-row statements: none lost or repeated."""
    from osgeo import ogr

    from municipal_gis.qgisio import gpkg_writer

    path = tmp_path / "t.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("t", None, ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("a", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("b", ogr.OFTReal))
    ds = None
    writer = gpkg_writer.GeoPackageBulkWriter(str(path), "t", ["a", "b"], None, 0)
    assert writer._per_statement == gpkg_writer.ROWS_PER_STATEMENT
    first = 1
    for block in (rows // 3, rows - rows // 3):
        ids = range(first, first + block)
        writer.add_rows([[f"r{i}" for i in ids], [None if i % 7 == 0 else i / 2 for i in ids]])
        first += block
    writer.commit()
    with sqlite3.connect(path) as con:
        got = con.execute("SELECT fid, a, b FROM t ORDER BY fid").fetchall()
        count = con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name='t'").fetchone()
    assert got == [(i, f"r{i}", None if i % 7 == 0 else i / 2) for i in range(1, rows + 1)]
    assert count == (rows,)
