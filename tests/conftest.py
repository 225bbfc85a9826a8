"""Shared fixtures. pytest-qgis starts a headless QgsApplication (qgis_app)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The suite runs on shared 2-core machines and in Debian roots: time is never a verdict (no deadline, no
# "too slow" health check); tests that set their own health checks add too_slow themselves.
settings.register_profile("municipal", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("municipal")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Debian's pyproj (Debian 13 and later) in a venv looks for PROJ's data under the venv: use the system's
if not os.environ.get("PROJ_DATA") and Path("/usr/share/proj/proj.db").exists():
    os.environ["PROJ_DATA"] = "/usr/share/proj"
SHARED = ROOT.parent / "shared"


def pytest_report_header(config):
    try:
        from osgeo import gdal
        from qgis.core import Qgis
        from qgis.PyQt.QtCore import QT_VERSION_STR

        return f"QGIS {Qgis.QGIS_VERSION}, Qt {QT_VERSION_STR}, GDAL {gdal.__version__}"
    except Exception as exc:  # noqa: BLE001
        return f"QGIS not importable: {exc}"


_PROVIDERS = []  # keep Python references: the registry does not own providers added from Python


def _ensure_provider():
    from qgis.core import QgsApplication

    from municipal_gis.processing.provider import MunicipalGisProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("municipal_gis")
    if existing is not None:
        return existing
    prov = MunicipalGisProvider()
    assert registry.addProvider(prov)
    _PROVIDERS.append(prov)
    return prov


@pytest.fixture
def provider(qgis_app, qgis_processing):
    """The municipal_gis provider registered in the Processing registry (re-registered if a test
    removed it, as the plugin lifecycle test does)."""
    return _ensure_provider()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def sample_gpkg(tmp_path_factory, qgis_app, qgis_processing) -> Path:
    """A small sample municipality (about 1 500 parcels), generated once per session."""
    from qgis import processing

    _ensure_provider()
    path = tmp_path_factory.mktemp("sample") / "sample.gpkg"
    processing.run(
        "municipal_gis:generate_sample_municipality",
        {"OUTPUT": str(path), "PARCELS": 1500, "SEED": 7},
    )
    return path


@pytest.fixture(scope="session")
def postgis_service():
    """A real local PostgreSQL + PostGIS, installed and started by scripts/postgis.sh (no mocks).

    Yields the name of a PostgreSQL service (peer authentication, no password) defined in the
    project's .pg_service.conf, which PGSERVICEFILE points at.
    """
    import subprocess

    service = os.environ.get("MUNICIPAL_TEST_DB", "municipal_test")  # one database per checkout
    subprocess.run(["bash", str(ROOT / "scripts" / "postgis.sh"), service], check=True,
                   stdout=subprocess.DEVNULL)
    os.environ["PGSERVICEFILE"] = str(ROOT / ".pg_service.conf")
    return service


@pytest.fixture
def pg_location(postgis_service, request):
    """A fresh schema in the test database, dropped afterwards."""
    import re

    from municipal_gis.layers.database import DatabaseLocation

    schema = "t_" + re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())[:40]
    location = DatabaseLocation.parse(f"PG:service={postgis_service} schema={schema}")
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    connection.close()
    yield location
    connection = location.dbapi_connect()
    with connection, connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    connection.close()
