#!/bin/sh
# Container health check for `trading run` (baked into the image as /usr/local/bin/trading-healthcheck).
#
# Healthy means: the orchestrator process (PID 1 in the container) is alive AND holds an ESTABLISHED TCP connection to
# PostgreSQL. `trading run` keeps a LISTEN connection open for as long as it runs, pings it every 15 s when quiet and
# reconnects with backoff when it drops, so a process that has lost its database turns unhealthy here instead of
# looking fine. It does NOT prove that decisions are being executed: that is visible in the database itself
# (pending decisions older than a few seconds, the dashboard's funnel). The program has no HTTP endpoint, and running
# another `trading` process per probe (e.g. `trading migrate --json`) would cost a JIT start-up and a database session
# every interval, so this reads /proc instead: only sh, ls, sed, awk and grep, all in the base image.
#
# TRADING_HEALTH_PID (default 1) and TRADING_HEALTH_DB_PORT (default 5432) exist so that the check can be tried
# outside a container against any running `trading run`.
set -eu

pid="${TRADING_HEALTH_PID:-1}"
port_hex=$(printf '%04X' "${TRADING_HEALTH_DB_PORT:-5432}")

if ! kill -0 "$pid" 2>/dev/null; then
    echo "unhealthy: process $pid is not running"
    exit 1
fi

# The inodes of the process's sockets (fd symlinks read "socket:[12345]").
inodes=$(ls -l "/proc/$pid/fd" 2>/dev/null | sed -n 's/.*socket:\[\([0-9][0-9]*\)\].*/\1/p')
if [ -z "$inodes" ]; then
    echo "unhealthy: process $pid has no open sockets"
    exit 1
fi

# /proc/net/tcp{,6}: field 3 is the remote address as HEX_IP:HEX_PORT, field 4 the state (01 = ESTABLISHED),
# field 10 the socket inode. Keep the established connections to the database port, then intersect with ours.
if cat "/proc/$pid/net/tcp" "/proc/$pid/net/tcp6" 2>/dev/null \
    | awk -v port=":$port_hex" '$4 == "01" && substr($3, length($3) - 4) == port { print $10 }' \
    | grep -qxF "$inodes"; then
    exit 0
fi

echo "unhealthy: process $pid holds no established connection to the database port ${TRADING_HEALTH_DB_PORT:-5432}"
exit 1
