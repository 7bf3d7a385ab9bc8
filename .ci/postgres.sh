#!/usr/bin/env bash
# Start a PostgreSQL server on loopback for the tests (Debian packages), create the test role.
# Prints nothing on success; the tests read STORYLINE_TEST_POSTGRES.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='storyline'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE storyline LOGIN PASSWORD 'storyline' CREATEDB\""
