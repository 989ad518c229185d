#!/usr/bin/env bash
# Measures the ballot hot path and the live tally on this machine (docs/performance.md): starts a
# private PostgreSQL cluster of its own (.bench/pg, never the run.sh or test data), publishes the app
# (Release) and serves it on Kestrel on loopback, then runs bench/CompetitivePosts.Bench, which seeds a
# round and measures (1)-(5). Options go to the bench: deploy/bench.sh --voters=1000 --concurrency=50.
# The last line is: bench: ratio=<r> submit_p99_ms=<n> push_p99_ms=<n> recount_ms=<n> open_ballots_mb=<n>
# --rate=20 runs (1) as an open loop at 20 ballots a second (latency at a hall's pace); BENCH_CHROME_TRACE=file.json
# writes a 5-second Chromium trace of the dashboards' browser during (1) (docs/performance.md). BENCH_APP_ENV="NAME=value ..."
# adds settings to the app's environment, e.g. BENCH_APP_ENV=DOTNET_TieredCompilation=1 for the figures before ADR 0031.
# deploy/bench.sh --kills=20 --voters=2000 runs the kill test instead of the measures (docs/operations.md): the app is
# killed with SIGKILL 20 times while K clients vote and restarted each time; the exit code is 1 if a ballot is lost or doubled.
# Its last line is: bench-kill: kills=<n> ballots=<n> voters=<n> lost=<n> doubled=<n> retried=<n> ... result=pass|FAIL
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
data=$root/.bench
# shellcheck source=deploy/lib.sh
source deploy/lib.sh

step "Checking PostgreSQL, Chromium and the .NET tools..."
ensure_postgres
ensure_chromium
ensure_dotnet_tools
mkdir -p "$data"
pgdir=$(pg_dir_for "$data")
step "Starting the bench's own PostgreSQL in $pgdir..."
port=$(pg_start "$pgdir")
password=$(cat "$pgdir.password")
psql() { PGPASSWORD=$password PGOPTIONS='-c client_min_messages=warning' "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
# K=200 raw writers beside the app's pools need more than the default 100 connections; push latency (3) is measured
# from each ballot's commit as PostgreSQL recorded it, which it does only with track_commit_timestamp (both need a restart).
if [[ $(psql -c 'SHOW max_connections') -lt 400 || $(psql -c 'SHOW track_commit_timestamp') != on ]]; then
  psql -c 'ALTER SYSTEM SET max_connections = 400' -c 'ALTER SYSTEM SET track_commit_timestamp = on' >/dev/null
  pg_stop "$pgdir" >/dev/null
  port=$(pg_start "$pgdir")
fi
# A fresh database each run, so every run seeds and measures the same thing.
psql -c 'DROP DATABASE IF EXISTS bench WITH (FORCE)' >/dev/null
psql -c 'CREATE DATABASE bench' >/dev/null
connection="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres;Password=$password"

stamp=$data/app.sources.sha256
hash=$(source_hash)
if [[ -f $data/app/CompetitivePosts.Web.dll && -f $stamp && $(cat "$stamp") == "$hash" ]]; then
  step "Sources unchanged since the last publish: reusing $data/app"
else
  step "Publishing the app (Release) into $data/app..."
  rm -f "$stamp"
  dotnet publish src/CompetitivePosts.Web -c Release -o "$data/app" --nologo -v quiet -clp:NoSummary
  echo "$hash" > "$stamp"
fi
step "Building the bench client..."
dotnet build bench/CompetitivePosts.Bench -c Release --nologo -v quiet -clp:NoSummary -o "$data/client"
# The compiler server and MSBuild nodes that the publish and build leave running are no part of what is measured.
dotnet build-server shutdown >/dev/null 2>&1 || true

app_port=$(free_port 56080)
url=http://127.0.0.1:$app_port
step "Starting the app at $url (ballot rate limit raised for loopback)..."
# Every bench client shares 127.0.0.1, so the per-address ballot limit (60 a minute) is raised here, and only here.
# The kill test (--kills=N) restarts the app itself with this same environment, read from app.env.
read -ra app_extra <<<"${BENCH_APP_ENV:-}"
printf '%s\n' "ConnectionStrings__Default=$connection" Database__Migrate=true Demo__Seed=true RateLimits__BallotPermitLimit=1000000 \
  "ASPNETCORE_URLS=$url" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning "${app_extra[@]}" >"$data/app.env"
rm -f "$data/app.pid"
(cd "$data/app" && mapfile -t app_env <"$data/app.env" && exec env "${app_env[@]}" dotnet CompetitivePosts.Web.dll >"$data/app.log" 2>&1) &
app=$!
cleanup() {
  # After a kill test the running app is the one the bench last started (its pid in app.pid).
  if [[ -f $data/app.pid ]]; then kill "$(cat "$data/app.pid")" 2>/dev/null || true; fi
  kill "$app" 2>/dev/null || true; { wait "$app"; } 2>/dev/null || true; pg_stop "$pgdir" >/dev/null || true
}
trap cleanup EXIT
for ((i = 0; i < 240; i++)); do
  kill -0 "$app" 2>/dev/null || { echo "The app stopped; see $data/app.log" >&2; tail -20 "$data/app.log" >&2; exit 1; }
  [[ $(http_status "$url/health") == 200 ]] && break
  sleep 0.5
done
# The app's process is the dotnet child of the subshell's exec: the same pid.
step "Measuring (load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)..."
dotnet "$data/client/CompetitivePosts.Bench.dll" --url="$url" --connection="$connection" --app-pid="$app" --pg-pid="$(head -1 "$pgdir/postmaster.pid")" \
  --app-dir="$data/app" --app-log="$data/app.log" --app-env="$data/app.env" --app-pid-file="$data/app.pid" "$@"
