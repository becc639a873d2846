# Start a throwaway PostgreSQL server on loopback for the tests, and export its URL as
# ACCORD_TEST_POSTGRES_URL. Source it (`. .ci/postgres.sh`); it installs Debian's `postgresql`
# package when no server binaries are present (CI runs as root on a fresh Debian machine),
# runs the server from a temporary folder on a free port, and stops it when the shell exits.

accord_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(accord_pg_bin)" ]; then
    echo "postgres.sh: installing PostgreSQL (Debian package postgresql)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ACCORD_PG_BIN="$(accord_pg_bin)"
ACCORD_PG_DIR="$(mktemp -d /tmp/accord-pg.XXXXXX)"
ACCORD_PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

accord_as_pg() {  # initdb and the server refuse to run as root
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$ACCORD_PG_DIR"; fi
accord_as_pg "$ACCORD_PG_BIN/initdb" -D "$ACCORD_PG_DIR/data" -A trust -U accord -E UTF8 >/dev/null
accord_as_pg "$ACCORD_PG_BIN/pg_ctl" -D "$ACCORD_PG_DIR/data" -l "$ACCORD_PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $ACCORD_PG_PORT -k $ACCORD_PG_DIR" start >/dev/null

accord_pg_stop() {
    accord_as_pg "$ACCORD_PG_BIN/pg_ctl" -D "$ACCORD_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$ACCORD_PG_DIR"
}
trap accord_pg_stop EXIT

export ACCORD_TEST_POSTGRES_URL="postgresql://accord@127.0.0.1:$ACCORD_PG_PORT/postgres"
echo "postgres.sh: PostgreSQL $("$ACCORD_PG_BIN/postgres" --version | awk '{print $3}') at $ACCORD_TEST_POSTGRES_URL"
