"""The commit-time cadastral check against the database: only the parcels near the edit are read
(R-tree on a GeoPackage, GiST `&&` on PostGIS), then `core.editing.check_parcel_edit` runs."""

from __future__ import annotations

import shapely

from municipal_gis.core.editing import check_parcel_edit
from municipal_gis.layers.database import DatabaseLocation
from municipal_gis.layers.edit_history import _read
from municipal_gis.layers.history import VETO_TABLE


def _bbox(edited, margin: float = 1.0):
    shapes = [g for e in edited for g in (e.geometry, e.original_geometry) if g is not None and not g.is_empty]
    if not shapes:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(shapes).tolist()
    return minx - margin, miny - margin, maxx + margin, maxy + margin


def neighbourhood(location: DatabaseLocation, bbox, exclude_fids=()):
    """(parcel ΚΑΕΚ, parcel geometries, block codes, block geometries) of active parcels and blocks
    whose bounding boxes meet `bbox`, leaving out `exclude_fids`."""
    exclude = set(int(f) for f in exclude_fids)
    out = []
    for table, key, active in (("parcel", "kaek", "AND (t.status IS NULL OR t.status <> 'closed')"),
                               ("city_block", "ot_code", "")):
        rows = location.backend.features_in_box(table, key, bbox, active)
        rows = [r for r in rows if r[2] is not None and (table != "parcel" or int(r[0]) not in exclude)]
        out.append(([r[1] for r in rows], [r[2] for r in rows]))
    return out[0][0], out[0][1], out[1][0], out[1][1]


def taken_kaeks(location: DatabaseLocation, codes, exclude_fids=()) -> set:
    codes = sorted({c for c in codes if c})
    if not codes:
        return set()
    p = location.paramstyle
    rows = _read(location, f"SELECT fid, kaek FROM {location.table('parcel')} WHERE kaek IN "
                           f"({', '.join([p] * len(codes))})", codes)
    exclude = set(int(f) for f in exclude_fids)
    return {r[1] for r in rows if int(r[0]) not in exclude}


def check_edit(location, edited, edited_fids=(), tolerance_m2: float = 0.01):
    """Violations of the cadastral rules by `edited` (core.editing.EditedParcel), whose database
    fids (changed or deleted parcels) are `edited_fids`."""
    location = DatabaseLocation.parse(location)
    bbox = _bbox(edited)
    if bbox is None:
        return []
    kaeks, geoms, codes, blocks = neighbourhood(location, bbox, edited_fids)
    taken = taken_kaeks(location, [e.kaek for e in edited], edited_fids)
    return check_parcel_edit(edited, kaeks, geoms, codes, blocks, taken, tolerance_m2)


def set_veto(location, layer_id: str, message: str) -> None:
    """Make the database refuse writes to `layer_id` for this commit (see history triggers)."""
    DatabaseLocation.parse(location).backend.set_veto(layer_id, message)


def clear_veto(location, layer_id: str) -> None:
    """Lift a veto (quietly: it also runs from a timer, and a veto left behind expires in a minute)."""
    try:
        _clear_veto(location, layer_id)
    except Exception:  # noqa: BLE001 - the database may be gone (closed project, dropped schema)
        pass


def _clear_veto(location, layer_id: str) -> None:
    location = DatabaseLocation.parse(location)
    with location.backend.transaction() as cursor:
        cursor.execute(f"DELETE FROM {location.table(VETO_TABLE)} WHERE layer_id = {location.paramstyle}",
                       (layer_id,))
