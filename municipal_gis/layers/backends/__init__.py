"""The database backends behind `DatabaseLocation.backend`: one interface (`base.Backend`), a
GeoPackage and a PostGIS implementation. See `base` for what the interface promises."""

from __future__ import annotations

from municipal_gis.layers.backends.base import Backend
from municipal_gis.layers.backends.geopackage import GeoPackageBackend
from municipal_gis.layers.backends.postgis import PostgisBackend

BACKENDS: dict[str, type[Backend]] = {backend.kind: backend for backend in (GeoPackageBackend, PostgisBackend)}


def backend_for(location) -> Backend:
    return BACKENDS[location.kind](location)


__all__ = ["BACKENDS", "Backend", "GeoPackageBackend", "PostgisBackend", "backend_for"]
