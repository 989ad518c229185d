# Shared by run.sh and test.sh: install what is missing and manage a private PostgreSQL cluster.
# shellcheck shell=bash

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [[ -z ${_APT_UPDATED:-} ]]; then as_root apt-get update -qq; _APT_UPDATED=1; fi
  as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_postgres() {
  if [[ -z $(pg_bin) || ! -x $(pg_bin)/initdb ]]; then
    echo "Installing PostgreSQL server (apt)..."
    apt_install postgresql
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    echo "Installing Chromium and CJK fonts (apt)..."
    apt_install chromium fonts-noto-cjk
  fi
}

# The slip-sheet test renders the printed PDF (poppler) and decodes its QR codes (zbar).
ensure_qr_tools() {
  if ! command -v zbarimg >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    echo "Installing zbar-tools and poppler-utils (apt)..."
    apt_install zbar-tools poppler-utils
  fi
}

# The two-instance loopback test runs Redis and nginx as child processes on private ports.
ensure_scaleout_tools() {
  if [[ ! -x /usr/bin/redis-server || ! -x /usr/sbin/nginx ]]; then
    echo "Installing Redis and nginx (apt) for the two-instance test..."
    apt_install redis-server nginx
  fi
}

ensure_dotnet_tools() { dotnet tool restore >/dev/null; }

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}

free_port() {
  local p
  for p in $(seq "${1:-55432}" 65000); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# The cluster lives in .data/pg of the checkout. As root, the postgres user must be able to reach
# it; when the checkout sits under a private directory (say /root), it lives in /var/tmp instead.
pg_dir_for() {
  local data=$1
  if [[ $(id -u) -ne 0 ]] || runuser -u postgres -- test -x "$data"; then
    echo "$data/pg"
  else
    local key; key=$(echo -n "$data" | md5sum | cut -c1-12)
    mkdir -p /var/tmp/competitiveposts
    echo "/var/tmp/competitiveposts/pg-$key"
  fi
}

# pg_start DIR: creates the cluster on first use (password in DIR.password, port in DIR.port),
# starts it if it is not running, and prints the port.
pg_start() {
  local dir=$1 bin; bin=$(pg_bin)
  mkdir -p "$(dirname "$dir")"
  if [[ ! -f $dir/PG_VERSION ]]; then
    mkdir -p "$dir"
    # The password file is readable by its owner only, from the moment it exists.
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir.password")
    local pwfile; pwfile=$(mktemp)
    cp "$dir.password" "$pwfile"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$dir" "$pwfile"; fi
    as_pg "$bin/initdb" -D "$dir" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    free_port > "$dir.port"
  fi
  # Clusters created before this rule may have a world-readable password file.
  chmod 600 "$dir.password"
  local port; port=$(cat "$dir.port")
  if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      port=$(free_port "$port"); echo "$port" > "$dir.port"
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
  fi
  echo "$port"
}

pg_stop() {
  local dir=$1 bin; bin=$(pg_bin)
  if [[ -f $dir/PG_VERSION ]] && as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null && echo "PostgreSQL stopped."
  else
    echo "PostgreSQL is not running."
  fi
}

step() { echo "==> $*"; }

# source_hash: one hash over everything a publish reads (sources, projects, package pins, SDK pin).
source_hash() {
  find src Directory.Build.props Directory.Packages.props global.json -type f \
    -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

# http_status URL: the HTTP status code, or 000 when nothing answers (curl when present, else bash's /dev/tcp).
http_status() {
  local url=$1
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" || true
    return 0
  fi
  local rest=${url#*://} hostport path host port line
  hostport=${rest%%/*}; path=/${rest#*/}; [[ $rest == "$hostport" ]] && path=/
  host=${hostport%:*}; port=${hostport##*:}; [[ $host == "$hostport" ]] && port=80
  [[ $host == localhost || $host == '*' || $host == '+' || $host == 0.0.0.0 ]] && host=127.0.0.1
  if exec 3<>"/dev/tcp/$host/$port" 2>/dev/null; then
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
    IFS= read -r -t 5 line <&3 || true
    exec 3>&-
    line=${line#* }; echo "${line%% *}"
  else
    echo 000
  fi
}

# pg_tool NAME: the client program of the newest installed PostgreSQL (pg_dump must not be older than the server).
pg_tool() { local bin; bin=$(pg_bin); if [[ -x $bin/$1 ]]; then echo "$bin/$1"; else command -v "$1"; fi; }

# use_database_env: exports PG* for the database to back up or restore into. Given PGPORT, the
# caller's PG* variables are used as they are; otherwise the private cluster of deploy/run.sh.
use_database_env() {
  export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-competitiveposts}
  if [[ -z ${PGPORT:-} ]]; then
    local dir; dir=$(pg_dir_for "$PWD/.data")
    [[ -f $dir.port ]] || { echo "No private cluster in $dir and no PGPORT given." >&2; exit 2; }
    ensure_postgres
    export PGPORT; PGPORT=$(pg_start "$dir")
    export PGPASSWORD; PGPASSWORD=$(cat "$dir.password")
  fi
}
