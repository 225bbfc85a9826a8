"""The benchmarks' generated city (bench/bench_indatabase.py `make_city`, also bench_national's): every
zone it makes is a zone. The 1 000 000 × 20 000 city had two zone cells lying wholly in the 30 m
unzoned margin, clipped to empty geometries, which check_database reported; zones as small as
these (2 000 parcels × 400 zones) give a dozen such cells."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_indatabase import X0, Y0, make_city  # noqa: E402


@pytest.mark.parametrize(("n_parcels", "n_zones"), [(2000, 400), (5000, 500), (5000, 100)])
def test_every_generated_zone_is_a_polygon_with_area(n_parcels, n_zones):
    parcels, zones = make_city(n_parcels, n_zones)
    assert not shapely.is_empty(zones).any()
    assert set(shapely.get_type_id(zones).tolist()) <= {3, 6}  # Polygon, MultiPolygon
    assert shapely.is_valid(zones).all() and shapely.is_valid(parcels).all()
    # the zones still tile the zoned area (the frame less its 30 m margin), to the square metre
    side = float(shapely.total_bounds(parcels)[2] - X0)
    inner = shapely.box(X0 + 30, Y0 + 30, X0 + side - 30, Y0 + side - 30)
    assert float(shapely.area(zones).sum()) == pytest.approx(inner.area, abs=1.0)
    assert len(zones) <= n_zones
