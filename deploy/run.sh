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

step "Checking PostgreSQL and the .NET tools..."
ensure_postgres
ensure_dotnet_tools
mkdir -p "$data"
pgdir=$(pg_dir_for "$data")
step "Starting the private PostgreSQL in $pgdir..."
port=$(pg_start "$pgdir")
password=$(cat "$pgdir.password")
db=competitiveposts
if ! PGPASSWORD=$password "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
  PGPASSWORD=$password "$(pg_bin)/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
fi

# Publishing takes about 10 s; skip it when no source, project or package file changed since the last one.
stamp=$data/app.sources.sha256
hash=$(source_hash)
if [[ -f $data/app/CompetitivePosts.Web.dll && -f $stamp && $(cat "$stamp") == "$hash" ]]; then
  step "Sources unchanged since the last publish: reusing $data/app"
else
  step "Publishing the app (dotnet publish, Release) into $data/app..."
  started=$SECONDS
  rm -f "$stamp"
  # The published output carries the static assets (MudBlazor CSS, blazor.web.js) outside Development.
  dotnet publish src/CompetitivePosts.Web -c Release -o "$data/app" --nologo -v minimal -clp:NoSummary
  echo "$hash" > "$stamp"
  step "Published in $((SECONDS - started)) s"
fi

export ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=$db;Username=postgres;Password=$password"
export Database__Migrate=true
export Demo__Seed=true
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
url=${ASPNETCORE_URLS%%;*}

step "Starting the app (migrating the database and seeding the demo unit on first start)..."
(cd "$data/app" && exec dotnet CompetitivePosts.Web.dll) &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; exit 0' INT TERM
# The URL is printed only once the app answers /health, so it is never a dead link.
for ((i = 0; i < 240; i++)); do
  if ! kill -0 "$app" 2>/dev/null; then
    code=0; wait "$app" || code=$?
    echo "The app stopped before it answered $url/health (exit code $code); see the messages above." >&2
    exit "$code"
  fi
  [[ $(http_status "$url/health") == 200 ]] && break
  sleep 0.5
done
if [[ $(http_status "$url/health") != 200 ]]; then
  echo "The app did not answer $url/health within 2 minutes; it keeps running (Ctrl+C stops it)." >&2
fi

cat <<MSG

CompetitivePosts is running at $url  (health: $url/health; Ctrl+C stops it)
PostgreSQL: 127.0.0.1:$port, data in $pgdir (deploy/run.sh stop stops it)
Demo logins (password Demo@2009):
  organizer  – 国资委人事处, unit organizer of 保定市国资委
  reviewer   – 市委组织部干部科, organization-department reviewer
  observer   – 市纪委监委派驻纪检监察组, discipline inspection (read-only)
  admin      – 系统管理员, administrator (accounts and units)
MSG
wait "$app"
