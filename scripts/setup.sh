#!/usr/bin/env bash
# Install everything municipal_gis needs on a fresh Debian machine, idempotently: QGIS from
# Debian (3.22 on Debian 12, 3.40 on Debian 13, 3.44 on testing), Xvfb, the release's PostgreSQL
# + PostGIS, Qt tools for translations, and the Python venv .venv (system site packages, for
# PyQGIS) with the pinned requirements. numpy and shapely must be the ones QGIS's own modules and
# GEOS fit: on Debian 12 numpy<2 and shapely 2.0.x from pip (requirements-dev.txt); on later
# releases Debian's own python3-numpy and python3-shapely, which pip is not allowed to replace.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
# shellcheck source=scripts/debian.sh
. scripts/debian.sh
PG=$(debian_pg_major)

APT_PACKAGES=(qgis python3-qgis qgis-providers python3-venv python3-pip python3-psycopg2
  python3-numpy python3-scipy python3-matplotlib
  xvfb xauth x11-utils qttools5-dev-tools poppler-utils make
  postgresql "postgresql-${PG}-postgis-3" postgis)
# later releases: shapely from Debian (on QGIS's GEOS), and the benchmarks' geopandas stack from
# Debian too (pip has no fiona wheel for the Python of Debian testing)
debian_pip_shapely || APT_PACKAGES+=(python3-shapely python3-geopandas python3-fiona python3-pyproj)

need_apt=0
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt=1
done
if [ "$need_apt" = 1 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
stamp=.venv/.requirements-stamp
if debian_pip_shapely; then
  requirements=requirements-dev.txt
  wanted=$(cat requirements-dev.txt)
else
  # Debian's numpy, scipy, shapely and geopandas stay: the rest of requirements-dev.txt is constrained to them
  requirements=.venv/requirements-debian.txt
  constraints=$(/usr/bin/python3 - <<'PY'
import importlib.metadata as md
for name in ("numpy", "scipy", "shapely"):
    print(f"{name}=={md.version(name)}")
PY
)
  wanted=$(grep -vE '^(numpy|shapely|geopandas|fiona|pyproj)\b' requirements-dev.txt; echo "$constraints")
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  if [ "$requirements" != requirements-dev.txt ]; then
    printf '%s\n' "$wanted" > "$requirements"
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$requirements"
  printf '%s' "$wanted" > "$stamp"
fi
if debian_pip_shapely; then
  .venv/bin/python -c "import qgis.core, shapely, numpy; assert int(numpy.__version__.split('.')[0]) < 2" \
    || { echo "setup: the venv cannot import QGIS with numpy<2" >&2; exit 1; }
else
  .venv/bin/python -c "import qgis.core, shapely, numpy, sys; sys.exit(shapely.__file__.startswith('/usr/lib/python3/'))" \
    && { echo "setup: the venv's shapely is not Debian's (it must use QGIS's GEOS)" >&2; exit 1; }
  .venv/bin/python -c "import qgis.core, shapely, numpy" \
    || { echo "setup: the venv cannot import QGIS, shapely and numpy" >&2; exit 1; }
fi
