#!/bin/sh
# Runs once, from /docker-entrypoint-initdb.d, when the db service initialises an empty volume: creates the read-only
# login Grafana uses (grafana-reader.sql, mounted at /etc/trading/grafana-reader.sql). Changing GRAFANA_DB_PASSWORD
# later needs `ALTER ROLE grafana PASSWORD '...'` (see infrastructure/docker/README.md): this script does not run again.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v reader_role="${GRAFANA_DB_USER:-grafana}" \
    -v reader_password="${GRAFANA_DB_PASSWORD:?set GRAFANA_DB_PASSWORD for the dashboards login}" \
    -f /etc/trading/grafana-reader.sql
