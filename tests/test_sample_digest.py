"""The sample municipality is frozen: a digest of every table of a small sample, compared exactly.

The demo, the tests and the benchmarks all stand on `core.sample.generate`, and its output is meant to
stay identical bit for bit (same rows, same order, same geometry WKB) when its code is reorganised.
If you change the generator ON PURPOSE (a new layer, a new attribute, another town), record the new
digests with

    .venv/bin/python tests/test_sample_digest.py

paste the printed dictionary over DIGESTS below and say in the commit message why the sample changed.

GEOS decides the last bits of buffers and intersections, so the digests are recorded per GEOS
minor release; on a release without recorded digests the test is skipped (record them there).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from municipal_gis.core import sample  # noqa: E402

PARCELS, SEED, YEAR = 1000, 3, 2019

DIGESTS = {
    'GEOS 3.11': {
        'programme_project': '2066a4339c4404de9feff6d489ccfa475255d64c92e66f3156b8ac0973c875c1',
        'project_funding': '6c91e7894a5e3dfedcbae334c872791ef7d8c011b7293d1a776c4a1036038c17',
        'municipal_property': 'b729f3525fe16dc5a086fb2ed62cbac0cbf424476be31e792d96be23f58a0d95',
        'lease': '0d250a1ff7d25a1a1a1ce317dc6683e4cd5d753eee635121dc032cdc750634e6',
        'encroachment': 'f6f435397b4b709c637aba24b3f087ab6f4f58d3839f31f2b5395ff392eca31c',
        'parcel': '4dca3d5c0717581732b9ceaa1a16f7094ee6a02c32b776467412fcf68c46e4ca',
        'city_block': '9eaa9394237c4b09ea73494c4f7bff441c190a1f8574a0952d3d3fb168d5ed4f',
        'land_use_zone': 'be8fb0777aa3281be1d75abd821beed36e68ecd130e48ab0efa2b9937ee7cada',
        'street': '83ed8f499f5d19c094f53d7dd595341bfcffade8c0d87894b727ac4adcdd76dc',
        'community': 'c4d843acc46cca523b4c7d0d80bd7906cbf40ad2b7fb42f417b695b8b3b073e4',
        'playground': '0501064a2093c0ad34f1bc12781da5ee0e9f56dccb2e948f3287e118fe3c446a',
        'bike_station': '0d796adba2a4b5ad9587e3c1b9dccd69a6e0681850231561ef062184bfa8a7da',
        'census_block': '32d9abcfac6cfa0b94b3fdd2fe392abcb8d22c84ca1b2ecb5bc416a3b1674736',
        'regeneration_zone': 'd7f8051a31bc557861a99cc770faec3037bfc9b1f3595e33323b7a62bde468b5',
        'land_use_certificate': '70e50998b5f811589f80eee7f50cadbd0b2d20a628f3bf9928d963b1a01efc87',
        'parcel_lineage': 'b3042846c7c6333fbbec81c70d55f82d909693a4eacd8c40edf63ea0ef10898e',
        'edit_exception': '9dcb1ac1b57d2e2c9df587f6ed4d9653a7413d19dd9e519cd4668891ea74f73e',
    },
    'GEOS 3.13': {
        'programme_project': '2066a4339c4404de9feff6d489ccfa475255d64c92e66f3156b8ac0973c875c1',
        'project_funding': '6c91e7894a5e3dfedcbae334c872791ef7d8c011b7293d1a776c4a1036038c17',
        'municipal_property': 'b729f3525fe16dc5a086fb2ed62cbac0cbf424476be31e792d96be23f58a0d95',
        'lease': '0d250a1ff7d25a1a1a1ce317dc6683e4cd5d753eee635121dc032cdc750634e6',
        'encroachment': 'f6f435397b4b709c637aba24b3f087ab6f4f58d3839f31f2b5395ff392eca31c',
        'parcel': '4dca3d5c0717581732b9ceaa1a16f7094ee6a02c32b776467412fcf68c46e4ca',
        'city_block': '9eaa9394237c4b09ea73494c4f7bff441c190a1f8574a0952d3d3fb168d5ed4f',
        'land_use_zone': '0ac8b02a275a7bd1aac730c447144926659a4dd3f4ea16bda666a0f54bb3060b',
        'street': '83ed8f499f5d19c094f53d7dd595341bfcffade8c0d87894b727ac4adcdd76dc',
        'community': '94200ab5a5326ad5b895bc6c612964b63cfd2ca4cd70df478b8d699b84cb6a17',
        'playground': '0501064a2093c0ad34f1bc12781da5ee0e9f56dccb2e948f3287e118fe3c446a',
        'bike_station': '0d796adba2a4b5ad9587e3c1b9dccd69a6e0681850231561ef062184bfa8a7da',
        'census_block': '16796a8bee528b18bbbcabc2dd569a8c696b71fc7f3af41cd6edaa5af865fb62',
        'regeneration_zone': '5170125a7ff5f354210b31cf477232aa5f6544a257718d50037aff59d2228c2e',
        'land_use_certificate': '70e50998b5f811589f80eee7f50cadbd0b2d20a628f3bf9928d963b1a01efc87',
        'parcel_lineage': 'b3042846c7c6333fbbec81c70d55f82d909693a4eacd8c40edf63ea0ef10898e',
        'edit_exception': '9dcb1ac1b57d2e2c9df587f6ed4d9653a7413d19dd9e519cd4668891ea74f73e',
    },
    'GEOS 3.15': {
        'programme_project': 'e75feab6043eea0599259622a4864940c1c43e20227eb53a8a7c8b6687cda24c',
        'project_funding': '6c91e7894a5e3dfedcbae334c872791ef7d8c011b7293d1a776c4a1036038c17',
        'municipal_property': 'b729f3525fe16dc5a086fb2ed62cbac0cbf424476be31e792d96be23f58a0d95',
        'lease': '0d250a1ff7d25a1a1a1ce317dc6683e4cd5d753eee635121dc032cdc750634e6',
        'encroachment': '6787ba4753174892647f5d2ce47e2ace11be14ebec316179f28b5038abd537ed',
        'parcel': '4dca3d5c0717581732b9ceaa1a16f7094ee6a02c32b776467412fcf68c46e4ca',
        'city_block': '9eaa9394237c4b09ea73494c4f7bff441c190a1f8574a0952d3d3fb168d5ed4f',
        'land_use_zone': '28ccfa83ebe727d754d2b6091c89527e1d9d3582ba0234f6fc0e0819d7e88597',
        'street': '83ed8f499f5d19c094f53d7dd595341bfcffade8c0d87894b727ac4adcdd76dc',
        'community': 'a2731b838e9b1e150f34b7f9937c52e1a582935fca1e992fe3695b457a0b21d6',
        'playground': '0501064a2093c0ad34f1bc12781da5ee0e9f56dccb2e948f3287e118fe3c446a',
        'bike_station': '0d796adba2a4b5ad9587e3c1b9dccd69a6e0681850231561ef062184bfa8a7da',
        'census_block': 'ede49d5124951bea9ae046ee52f4fa7256d379e676a57786436c3e8dc65e4bd2',
        'regeneration_zone': '199b1ca3276ff4378d43473af3afeab901a42f04784ad329fb5821ea4187e92c',
        'land_use_certificate': '70e50998b5f811589f80eee7f50cadbd0b2d20a628f3bf9928d963b1a01efc87',
        'parcel_lineage': 'b3042846c7c6333fbbec81c70d55f82d909693a4eacd8c40edf63ea0ef10898e',
        'edit_exception': '9dcb1ac1b57d2e2c9df587f6ed4d9653a7413d19dd9e519cd4668891ea74f73e',
    },
}


def _value(v) -> str:
    """The value with its type, so that 1, 1.0, True and np.int64(1) differ; numpy scalars print alike in
    numpy 1 and 2."""
    kind = type(v).__name__
    if isinstance(v, np.generic):
        v = v.item()
    elif isinstance(v, (dt.date, dt.datetime)):
        v = v.isoformat()
    return f"{kind}:{v!r}"


def table_digest(table) -> str:
    """sha256 over the rows in their order: every attribute (sorted by name) and the geometry's WKB."""
    h = hashlib.sha256()
    h.update(f"{table.layer_id}|{len(table.records)}|{table.geometries is None}\n".encode())
    for i, record in enumerate(table.records):
        h.update("|".join(f"{name}={_value(record[name])}" for name in sorted(record)).encode())
        if table.geometries is not None:
            g = table.geometries[i]
            h.update(b"|" + (b"-" if g is None else shapely.to_wkb(g, hex=True).encode()))
        h.update(b"\n")
    return h.hexdigest()


def geos_key() -> str:
    major, minor, _ = shapely.geos_version
    return f"GEOS {major}.{minor}"


def digests() -> dict[str, str]:
    tables = sample.generate(PARCELS, seed=SEED, year=YEAR)
    return {layer_id: table_digest(t) for layer_id, t in tables.items()}


def test_the_sample_is_unchanged():
    key = geos_key()
    if key not in DIGESTS:
        pytest.skip(f"no sample digests recorded for {key}: run `.venv/bin/python tests/test_sample_digest.py`")
    got, want = digests(), DIGESTS[key]
    changed = sorted(set(got) ^ set(want) | {k for k in set(got) & set(want) if got[k] != want[k]})
    assert not changed, (
        f"The sample municipality changed (generate({PARCELS}, seed={SEED})) in: {', '.join(changed)}. "
        "If the change is deliberate, update DIGESTS in tests/test_sample_digest.py "
        "(`.venv/bin/python tests/test_sample_digest.py` prints them) and say why in the commit; "
        "otherwise a refactoring changed the generator's output.")


if __name__ == "__main__":
    print(f"    {geos_key()!r}: {{")
    for layer_id, digest in digests().items():
        print(f"        {layer_id!r}: {digest!r},")
    print("    },")
