#!/usr/bin/env bash
# Quick start: installs what is missing, starts a private PostgreSQL in .data/, migrates,
# seeds the demo unit and serves the app. `deploy/run.sh stop` stops the PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
data=$root/.data
# shellcheck source=deploy/lib.sh
source deploy/lib.sh

if [[ ${1:-} == stop ]]; then
  pg_stop "$(pg_dir_for "$data")"
  exit 0
fi

ensure_postgres
ensure_dotnet_tools
mkdir -p "$data"
pgdir=$(pg_dir_for "$data")
port=$(pg_start "$pgdir")
password=$(cat "$pgdir.password")
db=competitiveposts
if ! PGPASSWORD=$password "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
  PGPASSWORD=$password "$(pg_bin)/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
fi

echo "Building (dotnet publish)..."
# The published output carries the static assets (MudBlazor CSS, blazor.web.js) outside Development.
dotnet publish src/CompetitivePosts.Web -c Release -o "$data/app" --nologo -v quiet

export ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=$db;Username=postgres;Password=$password"
export Database__Migrate=true
export Demo__Seed=true
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
url=${ASPNETCORE_URLS%%;*}

cat <<MSG

CompetitivePosts is starting at $url  (health: $url/health)
PostgreSQL: 127.0.0.1:$port, data in $pgdir (deploy/run.sh stop stops it)
Demo logins (password Demo@2009):
  organizer  – 国资委人事处, unit organizer of 保定市国资委
  reviewer   – 市委组织部干部科, organization-department reviewer
  observer   – 市纪委监委派驻纪检监察组, discipline inspection (read-only)
  admin      – 系统管理员, administrator (accounts and units)
MSG
cd "$data/app"
exec dotnet CompetitivePosts.Web.dll
