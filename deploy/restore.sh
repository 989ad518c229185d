#!/usr/bin/env bash
# deploy/restore.sh FILE [DATABASE]: restores a dump of deploy/backup.sh into a NEW database
# (default: competitiveposts_restored_YYYYmmdd_HHMMSS); it refuses an existing one, so a restore
# never overwrites live data. Point the app at the new database (ConnectionStrings:Default) to
# switch over; docs/operations.md. Connection as for deploy/backup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=deploy/lib.sh
source deploy/lib.sh

file=${1:?usage: deploy/restore.sh FILE [DATABASE]}
[[ -f $file ]] || { echo "No such backup file: $file" >&2; exit 2; }
use_database_env
target=${2:-competitiveposts_restored_$(date -u +%Y%m%d_%H%M%S)}
if [[ ! $target =~ ^[a-z_][a-z0-9_]*$ ]]; then
  echo "Database names are lower-case letters, digits and _: $target" >&2; exit 2
fi
exists=$("$(pg_tool psql)" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$target'")
if [[ $exists == 1 ]]; then
  echo "Database $target exists; restore refuses to overwrite it. Name a new one." >&2; exit 3
fi

step "Checking $file..."
"$(pg_tool pg_restore)" --list "$file" >/dev/null
step "Creating database $target on $PGHOST:$PGPORT..."
"$(pg_tool createdb)" -T template0 -E UTF8 "$target"
step "Restoring (one transaction: all or nothing)..."
started=$SECONDS
if ! "$(pg_tool pg_restore)" --no-owner --no-privileges --single-transaction --exit-on-error -d "$target" "$file"; then
  "$(pg_tool dropdb)" "$target"
  echo "Restore failed; the empty database $target was dropped." >&2
  exit 1
fi
step "Restored into $target in $((SECONDS - started)) s. Verify it: the audit chains page (/audit) of an app pointed at it."
