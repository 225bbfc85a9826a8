#!/usr/bin/env bash
# Test municipal_gis on other QGIS releases: a Debian root per suite, built from Debian's packages
# and cached outside the checkout, in which scripts/setup.sh and scripts/postgis.sh install and
# start everything (QGIS, shapely/numpy/scipy, that release's PostgreSQL + PostGIS, the .venv with
# pytest, pytest-qgis, hypothesis, openpyxl, odfpy), then the test suite runs on a copy of the
# checkout.
#
#   scripts/roots.sh test SUITE [PYTEST ARGS]   build the root if needed, then run the suite in it
#   scripts/roots.sh build SUITE                build (or reuse) the root; prints its folder
#   scripts/roots.sh run SUITE COMMAND…         run a command in the root, in /src (a fresh copy)
#
# SUITE: trixie (Debian 13, QGIS 3.40) or forky (Debian testing, QGIS 3.44); any Debian suite works.
# Roots live in $MUNICIPAL_ROOTS_DIR (default /var/cache/municipal_gis/roots), one per suite, named
# after a hash of what goes into them (setup.sh, debian.sh, requirements-dev.txt, ROOT_FORMAT), so
# runs on the same machine reuse them and a change rebuilds them; runs of one suite take turns (a lock
# per suite). Needs root (debootstrap, chroot).
# Each root's PostgreSQL listens on its own port (trixie 5440, forky 5441, others 5449) and its
# socket lives inside the root, so the host's PostgreSQL on 5432 is never touched.
set -euo pipefail
ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
ROOTS=${MUNICIPAL_ROOTS_DIR:-/var/cache/municipal_gis/roots}
ACTION=${1:?usage: roots.sh test|build|run SUITE [ARGS]}
SUITE=${2:?usage: roots.sh test|build|run SUITE [ARGS]}
shift 2

log() { echo "roots[$SUITE]: $*" >&2; }

[ "$(id -u)" = 0 ] || { log "needs root (debootstrap, chroot, mount)"; exit 1; }

case "$SUITE" in
  trixie) PORT=5440 ;;
  forky) PORT=5441 ;;
  *) PORT=5449 ;;
esac

# Debian's mirror, as the host's apt sources name it
mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^\s*#' | grep -oE '(https?|file)://[^ ]*/debian/?( |$)' | grep -v security | head -1 | tr -d ' ')
  echo "${uri:-http://deb.debian.org/debian}"
}

# Bump when build() changes what goes into a root.
ROOT_FORMAT=1
key() {
  { echo "$ROOT_FORMAT"; cat "$ROOT_DIR/scripts/setup.sh" "$ROOT_DIR/scripts/debian.sh" "$ROOT_DIR/requirements-dev.txt"; } \
    | sha256sum | cut -c1-12
}

MOUNTED=()
mount_root() {
  local root=$1
  mount -t proc proc "$root/proc"; MOUNTED+=("$root/proc")
  mount -t sysfs sysfs "$root/sys"; MOUNTED+=("$root/sys")
  mount --bind /dev "$root/dev"; MOUNTED+=("$root/dev")
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"; MOUNTED+=("$root/dev/pts")
  mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"; MOUNTED+=("$root/dev/shm")
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

STOP_PG=""
cleanup() {
  local status=$?
  if [ -n "$STOP_PG" ]; then
    chroot "$STOP_PG" bash -c 'for c in $(pg_lsclusters -h 2>/dev/null | awk "\$4 ~ /online/ {print \$1\"/\"\$2}"); do
      pg_ctlcluster "${c%/*}" "${c#*/}" stop -m fast; done' >/dev/null 2>&1 || true
  fi
  local i
  for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
    umount "${MOUNTED[$i]}" 2>/dev/null || umount -l "${MOUNTED[$i]}" 2>/dev/null || true
  done
  MOUNTED=()
  return $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_root() {  # in_root ROOT COMMAND…: a clean environment, as CI has it
  local root=$1
  shift
  chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    CI="${CI:-}" PGPORT="$PORT" QT_QPA_PLATFORM=offscreen "$@"
}

# Copy the checkout (tracked and untracked files, not ignored ones) into ROOT/DEST.
copy_checkout() {
  local root=$1 dest=$2
  rm -rf "${root:?}$dest"
  mkdir -p "$root$dest"
  (cd "$ROOT_DIR" && git ls-files -z --cached --others --exclude-standard \
    | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
    | tar --null -T - -cf -) | tar -xf - -C "$root$dest"
  # the compiled translations are ignored by git but wanted by the tests: make i18n rebuilds them
}

BUILT=""
build() {  # sets BUILT to the root's folder
  local target
  target="$ROOTS/$SUITE-$(key)"
  if [ -f "$target/.municipal_gis_root" ]; then
    BUILT=$target
    return
  fi
  command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  local script=/usr/share/debootstrap/scripts/$SUITE
  [ -e "$script" ] || script=/usr/share/debootstrap/scripts/sid  # testing suites newer than this debootstrap
  local work="$ROOTS/.build-$SUITE-$$"
  mkdir -p "$ROOTS"
  rm -rf "$ROOTS/.build-$SUITE"-*  # left by an interrupted build
  local started=$SECONDS
  log "debootstrap $SUITE from $(mirror) into $work"
  debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$work" "$(mirror)" "$script" \
    > "$ROOTS/.build-$SUITE.log" 2>&1 || { tail -20 "$ROOTS/.build-$SUITE.log" >&2; exit 1; }
  printf 'APT::Install-Recommends "false";\nAcquire::Retries "3";\nAcquire::Check-Valid-Until "false";\n' > "$work/etc/apt/apt.conf.d/90municipal"
  # no services start while packages install (PostgreSQL is started by postgis.sh on its own port)
  printf '#!/bin/sh\nexit 101\n' > "$work/usr/sbin/policy-rc.d"
  chmod +x "$work/usr/sbin/policy-rc.d"
  mkdir -p "$work/etc/postgresql-common"
  echo "create_main_cluster = false" > "$work/etc/postgresql-common/createcluster.conf"
  # the host's certificate authorities (a proxy of the registries may sign with its own)
  cp /etc/ssl/certs/ca-certificates.crt "$work/usr/local/share/ca-certificates/host-bundle.crt"
  in_root "$work" update-ca-certificates >/dev/null 2>&1
  mount_root "$work"
  # setup.sh from scratch, as on a new machine of that release: QGIS, PostgreSQL/PostGIS, the venv
  mkdir -p "$work/opt/municipal_gis"
  cp -r "$ROOT_DIR/scripts" "$ROOT_DIR/requirements-dev.txt" "$work/opt/municipal_gis/"
  log "scripts/setup.sh inside the root"
  in_root "$work" bash /opt/municipal_gis/scripts/setup.sh
  in_root "$work" apt-get clean
  in_root "$work" /opt/municipal_gis/.venv/bin/python -c \
    "from qgis.core import Qgis; import numpy, shapely, osgeo.gdal as g, sys; print(f'QGIS {Qgis.QGIS_VERSION}, Python {sys.version.split()[0]}, numpy {numpy.__version__}, shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), GDAL {g.__version__}')" \
    > "$work/.municipal_gis_versions"
  in_root "$work" bash -c 'echo "PostgreSQL $(ls /usr/lib/postgresql)"' >> "$work/.municipal_gis_versions"
  cleanup
  touch "$work/.municipal_gis_root"
  # older roots of this suite go; the new one takes their place
  for old in "$ROOTS/$SUITE"-*; do
    [ -d "$old" ] && [ "$old" != "$target" ] && rm -rf "$old"
  done
  mv "$work" "$target"
  log "built in $((SECONDS - started)) s: $(cat "$target/.municipal_gis_versions")"
  BUILT=$target
}

run_in_root() {  # run_in_root ROOT COMMAND…: in /src, a fresh copy of the checkout, with PostGIS up
  local root=$1
  shift
  copy_checkout "$root" /src
  ln -s /opt/municipal_gis/.venv "$root/src/.venv"
  mount_root "$root"
  STOP_PG="$root"
  in_root "$root" bash -c 'cd /src && "$@"' bash "$@"
}

# One run per suite at a time on this machine: runs share the root's /src copy, its PostgreSQL and its
# mounts, so a second run (another checkout, another person) waits here for the first to finish.
mkdir -p "$ROOTS"
exec 9>"$ROOTS/.$SUITE.lock"
if ! flock -n 9; then
  log "another run uses the $SUITE root: waiting for it"
  flock 9
fi

case "$ACTION" in
  build)
    build
    echo "$BUILT"
    ;;
  run)
    build
    run_in_root "$BUILT" "$@"
    ;;
  test)
    build
    root=$BUILT
    log "$(cat "$root/.municipal_gis_versions")"
    # the desktop test needs a window manager session of its own; everything else runs
    run_in_root "$root" make test MUNICIPAL_TEST_DB="${MUNICIPAL_TEST_DB:-municipal_test}" \
      PYTEST_ARGS="${PYTEST_ARGS:--m 'not desktop'} $*"
    ;;
  *)
    log "unknown action $ACTION"
    exit 2
    ;;
esac
