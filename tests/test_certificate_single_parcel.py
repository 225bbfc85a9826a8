"""The everyday certificate, as a user runs it: one parcel of the sample municipality, from
processing.run and headless through qgis_process, against the same parcel in the whole-city batch.

The first release gave a parcel wholly inside one zone its zone at 100 % *plus* a phantom
«(εκτός ζώνης)» row whenever no parcel of the batch crossed a zone edge (one parcel alone, in the
everyday case), and measured every frontage as 0 m on the sample's street centrelines.
"""

from __future__ import annotations

import csv
import shutil
import subprocess

import numpy as np
import pytest
import shapely

from municipal_gis.core import building_terms

ALG = "municipal_gis:land_use_certificate"


def _layers(gpkg):
    return {name: f"{gpkg}|layername={name}" for name in ("parcel", "land_use_zone", "street", "city_block")}


def pieces(layer) -> dict:
    """{kaek: sorted [(zone_code, area_m2, share_pct)]} of an output layer."""
    rows: dict = {}
    for feature in layer.getFeatures():
        rows.setdefault(feature["kaek"], []).append(
            (feature["zone_code"] if feature["zone_code"] else None, feature["area_m2"], feature["share_pct"]))
    return {k: sorted(v, key=lambda r: (r[0] or "", r[1])) for k, v in rows.items()}


def _certify(gpkg, kaek_list="", geometry=False, **extra):
    from qgis import processing

    layers = _layers(gpkg)
    params = {"PARCELS": layers["parcel"], "ZONING": layers["land_use_zone"], "KAEK_LIST": kaek_list,
              "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_GEOMETRY": geometry}
    params.update(extra)
    return processing.run(ALG, params)


def assert_same(alone, batch):
    assert [r[0] for r in alone] == [r[0] for r in batch]
    for a, b in zip(alone, batch):
        assert a[1] == pytest.approx(b[1], abs=1e-6) and a[2] == pytest.approx(b[2], abs=1e-6)


@pytest.fixture(scope="module")
def batch(sample_gpkg, qgis_app, qgis_processing):
    """Every parcel of the sample, certified in one batch (areas only)."""
    from tests.conftest import _ensure_provider

    _ensure_provider()
    return pieces(_certify(sample_gpkg)["OUTPUT"])


def test_the_whole_city_adds_up(batch):
    for kaek, rows in batch.items():
        assert sum(r[2] for r in rows) == pytest.approx(100.0, abs=0.01), kaek
        assert sum(1 for r in rows if r[0] is None) <= 1


def test_one_parcel_alone_equals_the_batch(provider, sample_gpkg, batch):
    inside = [k for k, rows in batch.items() if len(rows) == 1 and rows[0][0] is not None]
    crossing = [k for k, rows in batch.items() if len(rows) >= 2]
    assert len(inside) > 100 and crossing, "the sample has parcels inside one zone and across zone edges"
    for kaek in inside[:3] + crossing[:2]:
        for geometry in (False, True):
            alone = pieces(_certify(sample_gpkg, kaek, geometry=geometry)["OUTPUT"])
            assert list(alone) == [kaek]
            assert_same(alone[kaek], batch[kaek])
    # a small batch in which no parcel crosses a zone edge: no phantom unzoned row
    few = pieces(_certify(sample_gpkg, "\n".join(inside[:20]))["OUTPUT"])
    for kaek in inside[:20]:
        assert len(few[kaek]) == 1 and few[kaek][0][2] == pytest.approx(100.0, abs=1e-9)
        assert_same(few[kaek], batch[kaek])


def _sample_geometries(gpkg):
    """Parcels {kaek: geometry} and the city blocks, read straight from the GeoPackage with GDAL."""
    from osgeo import ogr

    source = ogr.Open(str(gpkg))
    parcels = {f.GetField("kaek"): shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb()))
               for f in source.GetLayerByName("parcel")}
    blocks = [shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb())) for f in source.GetLayerByName("city_block")]
    return parcels, blocks


def _sides_on_street(geometry, outline_band):
    ring = shapely.get_coordinates(shapely.get_exterior_ring(shapely.get_geometry(geometry, 0)))
    segs = shapely.linestrings(np.stack([ring[:-1], ring[1:]], axis=1))
    on = shapely.length(shapely.intersection(segs, outline_band)) > 0.5 * shapely.length(segs)
    return int(on.sum()), float(shapely.length(shapely.intersection(shapely.boundary(geometry), outline_band)))


@pytest.fixture(scope="module")
def street_cases(sample_gpkg):
    return find_street_cases(sample_gpkg)


def find_street_cases(gpkg):
    """{1: (kaek, frontage m), 2: (kaek, frontage m)}: a parcel on one street and a corner parcel on
    two, with their frontage measured by GEOS line overlay on the blocks' outline (independent of
    the plugin's segment-by-segment measure)."""
    parcels, blocks = _sample_geometries(gpkg)
    band = shapely.buffer(shapely.boundary(shapely.union_all(blocks)), 1e-6, cap_style="flat")
    cases = {}
    for kaek, geometry in parcels.items():
        sides, length = _sides_on_street(geometry, band)
        if sides in (1, 2) and sides not in cases and shapely.get_num_geometries(geometry) == 1:
            cases[sides] = (kaek, length)
        if len(cases) == 2:
            return cases
    pytest.fail("the sample has no parcel on one street and none on a corner")


def summary_csv(folder):
    with open(folder / "summary.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["kaek"]: row for row in csv.DictReader(handle)}


def test_frontage_on_one_and_two_streets(provider, sample_gpkg, street_cases, tmp_path):
    layers = _layers(sample_gpkg)
    codes = [kaek for kaek, _ in street_cases.values()]
    _certify(sample_gpkg, "\n".join(codes), STREETS=layers["street"], BLOCKS=layers["city_block"],
             OUTPUT_REPORT=str(tmp_path / "with"))
    summary = summary_csv(tmp_path / "with")
    for kaek, length in street_cases.values():
        assert summary[kaek]["frontage_method"] == building_terms.BLOCKS
        assert float(summary[kaek]["frontage_m"]) == pytest.approx(length, abs=0.01)
    assert float(summary[street_cases[2][0]]["frontage_m"]) > float(summary[street_cases[1][0]]["frontage_m"]) > 3
    # the street centrelines alone are no street lines: the certificate says it measured nothing
    # along them rather than printing 0 m as a fact
    _certify(sample_gpkg, codes[0], STREETS=layers["street"], OUTPUT_REPORT=str(tmp_path / "lines"))
    assert float(summary_csv(tmp_path / "lines")[codes[0]]["frontage_m"]) == 0.0
    # nothing given: not measured
    _certify(sample_gpkg, codes[0], OUTPUT_REPORT=str(tmp_path / "none"))
    assert summary_csv(tmp_path / "none")[codes[0]]["frontage_m"] == ""


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils needed")
def test_the_certificate_says_how_the_frontage_was_measured(provider, sample_gpkg, street_cases, tmp_path):
    layers = _layers(sample_gpkg)
    kaek, length = street_cases[2]
    _certify(sample_gpkg, kaek, BLOCKS=layers["city_block"], OUTPUT_REPORT=str(tmp_path))
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{kaek}.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    line, method = text.split("Πρόσωπο: ", 1)[1].split("\n")[:2]
    assert line.startswith(f"{length:.2f}".replace(".", ",") + " μ.")  # Greek decimal comma and unit
    assert "ρυμοτομική γραμμή" in method
