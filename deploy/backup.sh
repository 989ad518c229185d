#!/usr/bin/env bash
# deploy/backup.sh [FILE]: dumps the database in pg_dump's custom format (compressed, restorable
# table by table) to FILE, by default backups/competitiveposts-YYYYmmdd-HHMMSS.dump.
# Which database: with PGPORT set, the standard PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGDATABASE); without it, the private cluster deploy/run.sh started. docs/operations.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/lib.sh
source deploy/lib.sh
use_database_env

file=${1:-backups/competitiveposts-$(date -u +%Y%m%d-%H%M%S).dump}
mkdir -p "$(dirname "$file")"
step "Dumping $PGDATABASE on $PGHOST:$PGPORT to $file..."
started=$SECONDS
# One consistent snapshot: pg_dump runs in a single repeatable-read transaction while the app keeps serving.
(umask 077; "$(pg_tool pg_dump)" --format=custom --no-owner --no-privileges --file="$file.partial" "$PGDATABASE")
mv "$file.partial" "$file"
# The listing proves the archive is readable before anyone relies on it.
tables=$("$(pg_tool pg_restore)" --list "$file" | grep -c ' TABLE DATA ' || true)
step "Backup written: $file ($(du -h "$file" | cut -f1), $tables tables, $((SECONDS - started)) s)"
