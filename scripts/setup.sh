#!/usr/bin/env bash
# Install everything municipal_gis needs on a fresh Debian 12 machine, idempotently:
# QGIS 3.22 from Debian, Xvfb, PostgreSQL 15 + PostGIS 3.3, Qt tools for translations,
# and the Python venv .venv (system site packages, for PyQGIS) with the pinned requirements.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(qgis python3-qgis qgis-providers python3-venv python3-pip python3-psycopg2
  xvfb xauth x11-utils qttools5-dev-tools poppler-utils
  postgresql postgresql-15-postgis-3 postgis)

need_apt=0
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt=1
done
if [ "$need_apt" = 1 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null
fi

stamp=.venv/.requirements-stamp
if [ ! -x .venv/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
if [ ! -f "$stamp" ] || ! cmp -s requirements-dev.txt "$stamp"; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements-dev.txt
  cp requirements-dev.txt "$stamp"
fi
.venv/bin/python -c "import qgis.core, shapely, numpy; assert int(numpy.__version__.split('.')[0]) < 2" \
  || { echo "setup: the venv cannot import QGIS with numpy<2" >&2; exit 1; }
