#!/usr/bin/env bash
# Start a local PostgreSQL + PostGIS for tests and demos (installing it if needed), idempotently:
# the release's own PostgreSQL (15 on Debian 12, 17 on Debian 13, 18 on testing) with PostGIS 3.
# Creates a superuser role for the current OS user (peer authentication over the Unix socket:
# no password anywhere), a database (default municipal_test) with PostGIS, and a service file
# .pg_service.conf at the project top with a service of the same name.
# PGPORT chooses the cluster's port (default 5432), e.g. for a second PostgreSQL in a Debian root.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-municipal_test}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if [ "$(id -u)" = 0 ]; then AS_PG="runuser -u postgres --"; else AS_PG="sudo -u postgres"; fi
# shellcheck source=scripts/debian.sh
. scripts/debian.sh
PG=$(debian_pg_major)
if ! dpkg-query -W -f='${Status}' "postgresql-${PG}-postgis-3" 2>/dev/null | grep -q "install ok installed"; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql \
    "postgresql-${PG}-postgis-3" postgis >/dev/null
fi
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^${PG} main$"; then
  $SUDO pg_createcluster --port "${PGPORT:-5432}" "$PG" main >/dev/null
fi
PORT=$(pg_lsclusters -h | awk -v pg="$PG" '$1==pg && $2=="main" {print $3}')
export PGPORT=$PORT
if ! pg_lsclusters -h | awk -v pg="$PG" '$1==pg && $2=="main" {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$PG" main start
fi
for _ in $(seq 1 30); do
  $AS_PG psql -qtAc "SELECT 1" >/dev/null 2>&1 && break
  sleep 0.5
done
ME=$(id -un)
$AS_PG psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='${ME}'" | grep -q 1 \
  || $AS_PG psql -qc "CREATE ROLE \"${ME}\" SUPERUSER LOGIN" >/dev/null
$AS_PG psql -qtAc "SELECT 1 FROM pg_database WHERE datname='${DB}'" | grep -q 1 \
  || $AS_PG createdb -O "${ME}" "${DB}"
psql -qd "${DB}" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
cat > .pg_service.conf <<CONF
[${DB}]
host=/var/run/postgresql
port=${PORT}
dbname=${DB}
CONF
echo "PostGIS ready: service ${DB} in $(pwd)/.pg_service.conf (PostgreSQL ${PG}, port ${PORT})"
