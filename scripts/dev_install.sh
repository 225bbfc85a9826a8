#!/usr/bin/env bash
# Development install: make this checkout a QGIS plugin folder for the desktop and qgis_process.
#   scripts/dev_install.sh [PLUGINS_DIR]    (default: the current user's default QGIS profile)
# The plugin folder holds links into the checkout (package modules, metadata.txt, resources/),
# so edits take effect on the next QGIS start. QGIS's own Python (Debian's /usr/bin/python3)
# gets the runtime packages it lacks (those municipal_gis/dependencies.py lists: shapely 2, openpyxl,
# odfpy) in the user's site-packages unless
# MUNICIPAL_GIS_SKIP_DEPS=1 (tests point QGIS at the project venv with PYTHONPATH instead).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PLUGINS=${1:-${QGIS_PROFILE_DIR:-$HOME/.local/share/QGIS/QGIS3/profiles/default}/python/plugins}
TARGET="$PLUGINS/municipal_gis"
mkdir -p "$PLUGINS"
rm -rf "$TARGET"
mkdir -p "$TARGET"
for entry in "$ROOT"/municipal_gis/* "$ROOT/metadata.txt" "$ROOT/resources" "$ROOT/LICENSE"; do
  case "$(basename "$entry")" in __pycache__) continue ;; esac
  ln -s "$entry" "$TARGET/$(basename "$entry")"
done
mkdir -p "$TARGET/docs" && ln -s "$ROOT/docs/algorithms" "$TARGET/docs/algorithms"  # the Help pages
if [ "${MUNICIPAL_GIS_SKIP_DEPS:-0}" != 1 ]; then
  # what the plugin itself would offer to install (municipal_gis/dependencies.py: shapely 2 built on a
  # GEOS no newer than QGIS's, openpyxl, odfpy), as pip specifiers for QGIS's own Python
  specs=$(/usr/bin/python3 - "$ROOT" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from municipal_gis import dependencies
print(" ".join(dependencies.pip_requirements(dependencies.missing(), dependencies.qgis_geos_version())))
PY
)
  if [ -n "$specs" ]; then
    # shellcheck disable=SC2086  # one word per specifier
    /usr/bin/python3 -m pip install -q --user --break-system-packages $specs
  fi
fi
echo "$TARGET"
