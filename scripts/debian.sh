# Sourced by setup.sh, postgis.sh and roots.sh: what the Debian release of this machine ships.
#   Debian 12 bookworm: QGIS 3.22 (numpy 1, GEOS 3.11, no shapely 2), PostgreSQL 15
#   Debian 13 trixie:   QGIS 3.40 (numpy 2, shapely 2.1 from Debian), PostgreSQL 17
#   Debian testing:     QGIS 3.44 (numpy 2, shapely 2.2 from Debian), PostgreSQL 18
# shellcheck shell=bash

debian_codename() {
  (. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-unknown}")
}

# Debian 12's QGIS is built on numpy 1 and has no shapely 2: the venv gets numpy<2 and
# shapely 2.0.x from pip (2.0 is what runs on QGIS's GEOS 3.11). Later releases ship both.
debian_pip_shapely() {
  [ "$(debian_codename)" = bookworm ]
}

# The PostgreSQL major version this release's `postgresql` metapackage stands for (15, 17, 18…):
# from the installed metapackage, else from the package lists (updated first if they are empty).
debian_pg_major() {
  local major
  major=$(dpkg-query -W -f='${Status} ${Depends}\n' postgresql 2>/dev/null \
    | sed -n 's/^install ok installed .*postgresql-\([0-9][0-9]*\).*/\1/p' | head -1)
  if [ -z "$major" ]; then
    major=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1)
  fi
  if [ -z "$major" ]; then
    ${SUDO:-} apt-get update -qq >&2
    major=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1)
  fi
  [ -n "$major" ] || { echo "no PostgreSQL in this machine's package lists" >&2; return 1; }
  echo "$major"
}
