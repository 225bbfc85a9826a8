#!/usr/bin/env bash
# Development install: make this checkout a QGIS plugin folder for the desktop and qgis_process.
#   scripts/dev_install.sh [PLUGINS_DIR]    (default: the current user's default QGIS profile)
# The plugin folder holds links into the checkout (package modules, metadata.txt, resources/),
# so edits take effect on the next QGIS start. QGIS's own Python (Debian's /usr/bin/python3)
# gets the runtime packages it lacks (shapely 2) in the user's site-packages unless
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
  # shapely 2 has shapely.points (Debian testing's build says its version is "0+unknown")
  if ! /usr/bin/python3 -c "import shapely, sys; sys.exit(not hasattr(shapely, 'points'))" 2>/dev/null; then
    /usr/bin/python3 -m pip install -q --user --break-system-packages "shapely>=2.0.6,<2.1"
  fi
fi
echo "$TARGET"
