"""The sample municipality is frozen: a digest of every table of a small sample, compared exactly.

The demo, the tests and the benchmarks all stand on `core.sample.generate`, and its output is meant to
stay identical bit for bit (same rows, same order, same geometry WKB) when its code is reorganised.
If you change the generator ON PURPOSE (a new layer, a new attribute, another town), record the new
digests with

    .venv/bin/python tests/test_sample_digest.py

paste the printed dictionaries over DIGESTS and LARGER_DIGESTS below and say in the commit message why the sample changed.

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

LARGER = (5000, 7, 2021)  # (parcels, seed, year)
LARGER_DIGESTS = {
    'GEOS 3.11': {
        'programme_project': '442897bdc212cec164c894bc1dda97415e4ee7039ad0bff94cfe72c1a8da1d21',
        'project_funding': '30eef0c5542e08ace342cf5db2e56fb59005a15e96f82458ce9a3b2b0bbaa1d1',
        'municipal_property': '990a7d41063b2635b537e4f62f8841b4b6f30064b1ed249cd93cde786864da0b',
        'lease': '99bb1f9aef3ca7ee7766e9e3045f32b70f574ca0ecaa9831a6d6594504859eed',
        'encroachment': '73ec07d727019bf3db2e3a87ab9af0b0382ea91597015c6e17fe44ede7d582d8',
        'parcel': '1fb440351ece589b0ca7051e60de46c6d1dfac58795df5c7b386cd89fc19c747',
        'city_block': '5a8ab637748e45313f11c308811e2cee3baba4e7b1c8bd5bbbc55bc183055bdd',
        'land_use_zone': '4bd55bdb1948aa112e04f109de58efddd78cce833ff30a0d336d2cd338bf8dfe',
        'street': '0a32c9c4916525741afc66756ce087d5bce82449ac34d867098376602cf54455',
        'community': '7897e5ee79a09e23736fe197aa62f2ecd00b9da0865056aae4176ffcc8cd9661',
        'playground': '7e82e6c2a70214d4760be33e8a4487fd769e61fb09dcc2f93025fec64ededab5',
        'bike_station': '6f9aaf0ba5bbe2fe237f607f58f9ab85571f6ad967c0444577e619fe6a33275f',
        'census_block': 'c93746b9582052d0d6ff0549863160da7739e4e595334b9567f7587c4d96245b',
        'regeneration_zone': 'bdf1bcb0d8485f1fe3a1e469aca38da53a04df30756881974cc13c72cd20b21b',
        'land_use_certificate': '70e50998b5f811589f80eee7f50cadbd0b2d20a628f3bf9928d963b1a01efc87',
        'parcel_lineage': 'b3042846c7c6333fbbec81c70d55f82d909693a4eacd8c40edf63ea0ef10898e',
        'edit_exception': '9dcb1ac1b57d2e2c9df587f6ed4d9653a7413d19dd9e519cd4668891ea74f73e',
    },
    'GEOS 3.13': {
        'programme_project': '442897bdc212cec164c894bc1dda97415e4ee7039ad0bff94cfe72c1a8da1d21',
        'project_funding': '30eef0c5542e08ace342cf5db2e56fb59005a15e96f82458ce9a3b2b0bbaa1d1',
        'municipal_property': '990a7d41063b2635b537e4f62f8841b4b6f30064b1ed249cd93cde786864da0b',
        'lease': '99bb1f9aef3ca7ee7766e9e3045f32b70f574ca0ecaa9831a6d6594504859eed',
        'encroachment': '73ec07d727019bf3db2e3a87ab9af0b0382ea91597015c6e17fe44ede7d582d8',
        'parcel': '1fb440351ece589b0ca7051e60de46c6d1dfac58795df5c7b386cd89fc19c747',
        'city_block': '5a8ab637748e45313f11c308811e2cee3baba4e7b1c8bd5bbbc55bc183055bdd',
        'land_use_zone': 'f00dd4b73473776c702fa806667c1faf9ae5fac82e71d4d37ad8cc5d30f95277',
        'street': '0a32c9c4916525741afc66756ce087d5bce82449ac34d867098376602cf54455',
        'community': '7897e5ee79a09e23736fe197aa62f2ecd00b9da0865056aae4176ffcc8cd9661',
        'playground': '7e82e6c2a70214d4760be33e8a4487fd769e61fb09dcc2f93025fec64ededab5',
        'bike_station': '6f9aaf0ba5bbe2fe237f607f58f9ab85571f6ad967c0444577e619fe6a33275f',
        'census_block': '43986e9aef188869294d3c2e7088de74545abff2c066c3bf473344474448012b',
        'regeneration_zone': 'db3fc821c0a96385eddd7ccb6685a619394179f3dac646730da773db3a70827a',
        'land_use_certificate': '70e50998b5f811589f80eee7f50cadbd0b2d20a628f3bf9928d963b1a01efc87',
        'parcel_lineage': 'b3042846c7c6333fbbec81c70d55f82d909693a4eacd8c40edf63ea0ef10898e',
        'edit_exception': '9dcb1ac1b57d2e2c9df587f6ed4d9653a7413d19dd9e519cd4668891ea74f73e',
    },
    'GEOS 3.15': {
        'programme_project': '75ee45534ba2a05e2ad80958ded4ce96e9d7eb53c2403fabe7e50bc3c0935df1',
        'project_funding': '30eef0c5542e08ace342cf5db2e56fb59005a15e96f82458ce9a3b2b0bbaa1d1',
        'municipal_property': '990a7d41063b2635b537e4f62f8841b4b6f30064b1ed249cd93cde786864da0b',
        'lease': '99bb1f9aef3ca7ee7766e9e3045f32b70f574ca0ecaa9831a6d6594504859eed',
        'encroachment': '4f90abb4a668f0953021a116c686908de433bfb3fed27b96d0340a273ef69339',
        'parcel': '1fb440351ece589b0ca7051e60de46c6d1dfac58795df5c7b386cd89fc19c747',
        'city_block': '5a8ab637748e45313f11c308811e2cee3baba4e7b1c8bd5bbbc55bc183055bdd',
        'land_use_zone': '825ed865b8f654789b4925d79df8c9f7ada11cb82efcc9445b7080477291eee1',
        'street': '0a32c9c4916525741afc66756ce087d5bce82449ac34d867098376602cf54455',
        'community': 'd7c50398b33170fcac78530dc35b60912984cf7869a0bc8100cd69ba9daa5215',
        'playground': '7e82e6c2a70214d4760be33e8a4487fd769e61fb09dcc2f93025fec64ededab5',
        'bike_station': '6f9aaf0ba5bbe2fe237f607f58f9ab85571f6ad967c0444577e619fe6a33275f',
        'census_block': 'b515996f2683f9a4d26945a4295862c0f092c7e4aba96898e134b2e12fea8353',
        'regeneration_zone': 'f0b4c43cf3fb04f7a50aea3ec01231d8ffea1110dad8e9ce2db2071450d8b01d',
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


def digests(parcels=PARCELS, seed=SEED, year=YEAR) -> dict[str, str]:
    tables = sample.generate(parcels, seed=seed, year=year)
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


def test_a_larger_sample_in_another_year_is_unchanged():
    """A town five times larger, other seed, other year: draws that only large towns make, and
    statuses relative to another reference date."""
    key = geos_key()
    if key not in LARGER_DIGESTS:
        pytest.skip(f"no sample digests recorded for {key}: run `.venv/bin/python tests/test_sample_digest.py`")
    got, want = digests(*LARGER), LARGER_DIGESTS[key]
    changed = sorted(set(got) ^ set(want) | {k for k in set(got) & set(want) if got[k] != want[k]})
    assert not changed, f"The sample municipality changed (generate{LARGER}) in: {', '.join(changed)}."


if __name__ == "__main__":
    for name, args in (("DIGESTS", (PARCELS, SEED, YEAR)), ("LARGER_DIGESTS", LARGER)):
        print(f"{name} = {{")
        print(f"    {geos_key()!r}: {{")
        for layer_id, digest in digests(*args).items():
            print(f"        {layer_id!r}: {digest!r},")
        print("    },")
        print("}")
