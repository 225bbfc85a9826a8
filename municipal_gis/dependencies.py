"""The Python packages the plugin needs at run time, checked before anything imports them.

A stock QGIS may lack some of them (Debian 12's QGIS 3.22 has no shapely 2, and no openpyxl or
odfpy). `missing()` says which, without importing them. `install()` puts them, with the user's
consent, into a folder of the QGIS profile (``<profile>/python/dependencies``) through pip, as a
"user" install (PYTHONUSERBASE): pip then sees what QGIS's Python already has (numpy above all)
and installs only what is missing, pinned to the numpy that QGIS runs. `activate()` puts the
folder on ``sys.path``, so the plugin can load in the same session, without a restart.

shapely carries its own GEOS, but inside QGIS its calls end in QGIS's GEOS, which is already
loaded: the shapely release must be built on a GEOS no newer than QGIS's
(`shapely_requirement`): 2.0.x (GEOS 3.11) below GEOS 3.13, up to 2.1 (GEOS 3.13) on 3.13.

No Qt and no qgis imports here at module level: the checks run before the plugin loads.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

# the environment variable that names the folder (tests, or an administrator's shared folder)
FOLDER_ENV = "MUNICIPAL_GIS_DEPENDENCIES"


@dataclass(frozen=True)
class Requirement:
    module: str  # what the code imports
    distribution: str  # what pip installs
    minimum: tuple[int, ...]
    installable: bool = True  # False: only QGIS itself can bring it (numpy)
    # a module attribute that exists from `minimum` on: checked when a build does not know its own
    # version (Debian testing's shapely says "0+unknown")
    feature: str | None = None


REQUIREMENTS = (
    Requirement("numpy", "numpy", (1, 21), installable=False),
    Requirement("shapely", "shapely", (2, 0), feature="points"),
    Requirement("scipy", "scipy", (1, 9)),
    Requirement("openpyxl", "openpyxl", (3, 0)),
    Requirement("odf", "odfpy", (1, 4)),
)


@dataclass(frozen=True)
class Missing:
    requirement: Requirement
    found: str | None  # the version found (too old), or None (absent)

    def describe(self) -> str:
        req = self.requirement
        wanted = f"{req.distribution} ≥ {'.'.join(map(str, req.minimum))}"
        return wanted if self.found is None else f"{wanted} ({self.found})"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        match = re.match(r"\d+", piece)
        if not match:
            break
        parts.append(int(match.group()))
    return tuple(parts)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_version(requirement: Requirement) -> str | None:
    """The version of the copy `import <module>` would load, or None if there is none."""
    module = sys.modules.get(requirement.module)
    if module is not None:
        version = getattr(module, "__version__", None)
        if version:
            return str(version)
    try:
        spec = importlib.util.find_spec(requirement.module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.origin and spec.origin not in ("built-in", "frozen", "namespace"):
        location = Path(spec.origin).resolve().parent
        if spec.submodule_search_locations is not None:  # a package: its folder's parent
            location = location.parent
        for dist in importlib.metadata.distributions(path=[str(location)]):
            if _normal(dist.metadata["Name"] or "") == _normal(requirement.distribution):
                return dist.version
    try:
        return importlib.metadata.version(requirement.distribution)
    except importlib.metadata.PackageNotFoundError:
        return "0"  # importable but unversioned: counted as present only if no minimum applies


def missing(requirements=None) -> list[Missing]:
    """The requirements this Python lacks or has too old, without importing them."""
    importlib.invalidate_caches()
    result = []
    for requirement in REQUIREMENTS if requirements is None else requirements:
        version = installed_version(requirement)
        if version is None:
            result.append(Missing(requirement, None))
        elif _version_tuple(version) < requirement.minimum and not _has_feature(requirement, version):
            result.append(Missing(requirement, version))
    return result


def _has_feature(requirement: Requirement, version: str) -> bool:
    """For a build with an unknown version ("0+unknown"): does the module have the feature?"""
    if requirement.feature is None or not version.startswith("0+"):
        return False
    try:
        module = importlib.import_module(requirement.module)
    except Exception:  # noqa: BLE001 - a broken build counts as missing
        return False
    return hasattr(module, requirement.feature)


def shapely_requirement(geos: tuple[int, int]) -> str:
    """The shapely releases whose bundled GEOS is no newer than QGIS's GEOS `geos` (major, minor)."""
    if geos < (3, 13):
        return "shapely>=2.0.6,<2.1"  # wheels with GEOS 3.11
    if geos < (3, 14):
        return "shapely>=2.0.6,<2.2"  # 2.1 wheels carry GEOS 3.13
    return "shapely>=2.0.6"


def pip_requirements(items: list[Missing], geos: tuple[int, int]) -> list[str]:
    """pip requirement specifiers for what is missing and can be installed."""
    specs = []
    for item in items:
        req = item.requirement
        if not req.installable:
            continue
        if req.module == "shapely":
            specs.append(shapely_requirement(geos))
        else:
            specs.append(f"{req.distribution}>={'.'.join(map(str, req.minimum))}")
    return specs


def default_folder() -> Path:
    """<profile>/python/dependencies of the running QGIS (or the folder FOLDER_ENV names)."""
    if os.environ.get(FOLDER_ENV):
        return Path(os.environ[FOLDER_ENV])
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "python" / "dependencies"


def site_folder(folder: Path) -> Path:
    """Where a user install with PYTHONUSERBASE=folder puts packages for this Python."""
    try:
        scheme = sysconfig.get_preferred_scheme("user")
    except AttributeError:  # Python < 3.10
        scheme = f"{os.name}_user"
    return Path(sysconfig.get_path("purelib", scheme, vars={"userbase": str(folder)}))


def activate(folder: Path | None = None) -> Path | None:
    """Put the folder's packages first on sys.path if it has any; returns the path added."""
    try:
        folder = Path(folder) if folder is not None else default_folder()
    except ImportError:
        return None
    site = site_folder(folder)
    if not site.is_dir():
        return None
    if str(site) not in sys.path:
        sys.path.insert(0, str(site))
    importlib.invalidate_caches()
    return site


def python_executable() -> str | None:
    """The Python interpreter of this process (inside QGIS sys.executable may be QGIS itself)."""
    exe = Path(sys.executable)
    if exe.name.lower().startswith("python") and exe.exists():
        return str(exe)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    base = Path(sys.base_exec_prefix)
    for candidate in (base / "bin" / f"python{version}", base / "bin" / "python3", base / "python.exe",
                      base / "python3.exe"):
        if candidate.exists():
            return str(candidate)
    return shutil.which(f"python{version}") or shutil.which("python3")


def pip_command(python: str, folder: Path, specs: list[str], constraints: Path) -> list[str]:
    return [python, "-m", "pip", "install", "--user", "--disable-pip-version-check", "--no-input",
            "--constraint", str(constraints), *specs]


def install(items: list[Missing], folder: Path, geos: tuple[int, int], python: str | None = None,
            timeout: float = 1200) -> tuple[bool, str]:
    """Install the missing requirements into `folder` with pip; returns (success, pip's output).

    numpy is pinned to the running version so pip never brings a second one.
    """
    specs = pip_requirements(items, geos)
    if not specs:
        return False, "nothing installable"
    python = python or python_executable()
    if python is None:
        return False, "no Python interpreter found for pip"
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("PYTHONNOUSERSITE", None)
    env.update({"PYTHONUSERBASE": str(folder), "PIP_BREAK_SYSTEM_PACKAGES": "1", "PIP_NO_INPUT": "1"})
    pins = []
    numpy_version = installed_version(REQUIREMENTS[0])
    if numpy_version:
        pins.append(f"numpy=={numpy_version}")
    with tempfile.TemporaryDirectory() as scratch:
        constraints = Path(scratch) / "constraints.txt"
        constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
        command = pip_command(python, folder, specs, constraints)
        try:
            completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout,
                                       stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"{' '.join(command)}\n{exc}"
    output = f"{' '.join(command)}\n{completed.stdout}\n{completed.stderr}"
    return completed.returncode == 0, output


def qgis_geos_version() -> tuple[int, int]:
    from qgis.core import Qgis

    return (Qgis.geosVersionMajor(), Qgis.geosVersionMinor())
