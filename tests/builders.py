"""Small hand-made municipal databases for tests."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from shapely.geometry import box

from municipal_gis.layers.database import create_database, write_records
from municipal_gis.schema import catalogue

X0, Y0 = 462_000.0, 4_548_500.0


def small_database(path, *, parcels=None, blocks=None, extra=None, layers=None, crs_for=None):
    """A small clean database: one 40 × 20 m block split into two parcels, a project, a property
    with a lease and an encroachment."""
    from municipal_gis.layers import database

    location = create_database(path)
    block = box(X0, Y0, X0 + 40, Y0 + 20)
    parcels = parcels if parcels is not None else [
        ({"kaek": "400160403001", "ot_code": "12", "owner_type": "municipal"}, box(X0, Y0, X0 + 20, Y0 + 20)),
        ({"kaek": "400160403002", "ot_code": "12", "owner_type": "private"}, box(X0 + 20, Y0, X0 + 40, Y0 + 20)),
    ]
    blocks = blocks if blocks is not None else [({"ot_code": "12"}, block)]
    rows = {
        "programme_project": [({"project_code": "2019-001", "title": "Ανάπλαση"}, box(X0, Y0, X0 + 5, Y0 + 5))],
        "municipal_property": [({"property_code": "ΔΠ-0001", "kaek": "400160403001", "status": "leased",
                                 "project_code": "2019-001"}, box(X0, Y0, X0 + 20, Y0 + 20))],
        "lease": [({"lease_code": "Μ-1", "property_code": "ΔΠ-0001", "status": "active",
                    "start_date": dt.date(2020, 1, 1)}, None)],
        "encroachment": [({"property_code": "ΔΠ-0001", "area_m2": 4.0}, box(X0 + 18, Y0, X0 + 20, Y0 + 2))],
        "parcel": parcels,
        "city_block": blocks,
    }
    for layer_id, extra_rows in (extra or {}).items():
        rows.setdefault(layer_id, []).extend(extra_rows)
    for layer_id, items in rows.items():
        records = [r for r, _ in items]
        geoms = [g for _, g in items] if catalogue.layer(layer_id).is_spatial else None
        write_records(location, layer_id, records, geoms)
    return database.DatabaseLocation.parse(path)


class FakeIssuer:
    """Issues register entries with a fake PDF renderer: the bytes name the certificate number, the
    code and the time (so that two PDFs differ and an edit is visible), and the PDFs go into `folder`
    named after the number («2026/0001» → 2026-0001.pdf with the default separator)."""

    def __init__(self, folder, delay: float = 0.0, separator: str = "-"):
        self.folder, self.delay, self.separator = Path(folder), delay, separator

    def render(self, number, code, issued_at, path):
        if self.delay:
            time.sleep(self.delay)
        with open(path, "wb") as handle:
            handle.write(f"%PDF-1.4 certificate {number} {code} {issued_at.isoformat()}\n%%EOF\n".encode())

    def destination(self, number):
        return self.folder / f"{number.replace('/', self.separator)}.pdf"

    def issue(self, location, **kwargs):
        from municipal_gis.layers import register

        return register.issue(location, render=self.render, destination=self.destination, **kwargs)
