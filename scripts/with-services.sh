#!/usr/bin/env bash
# with-services.sh — run a command with throwaway PostgreSQL, MariaDB and Redis servers.
#
#   scripts/with-services.sh <command> [args...]
#
# For every service named in GAVEL_SERVICES (default "pg mysql redis") this script:
#   1. uses the server the caller already points at (GAVEL_TEST_PG_URL / GAVEL_TEST_MYSQL_URL /
#      GAVEL_TEST_REDIS_URL), if set; otherwise
#   2. installs the Debian packages when the binaries are missing and we are root (one
#      `apt-get update` + one `apt-get install` for everything missing), then
#   3. starts a private server in a fresh temp dir on a free 127.0.0.1 port — never the
#      machine's own clusters, data dirs, sockets or ports — and waits until it answers.
# It then exports the GAVEL_TEST_* variables and DB (see scripts/README.md), runs the command,
# ALWAYS stops every server it started and deletes the temp dir (EXIT/INT/TERM/HUP traps, plus a
# watchdog for the case where this script itself is SIGKILLed), and exits with the command's
# status.
#
# Failure policy: with CI=true a service that cannot be installed or started is fatal (exit 1
# before the command runs). Otherwise it is a warning: the service is left out of DB and of the
# environment and the command runs without it.
#
# Status lines go to stderr, prefixed "with-services:", so the command's stdout stays clean.

# Most functions run only through traps or computed names ("start_$svc", "$fn"):
# shellcheck disable=SC2317
set -euo pipefail

PROG=with-services
SERVICES_SPEC=${GAVEL_SERVICES-pg mysql redis}   # unset => default; set but empty => none
READY_TIMEOUT=${GAVEL_SERVICES_TIMEOUT:-30}      # seconds to wait for each server to answer
PORT_ATTEMPTS=3                                  # a port taken between probe and bind is retried

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------
log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
warn() { log "WARNING: $*"; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  cat >&2 <<'EOF'
usage: scripts/with-services.sh <command> [args...]

Starts throwaway PostgreSQL / MariaDB / Redis servers on free loopback ports, exports
GAVEL_TEST_PG_URL, GAVEL_TEST_MYSQL_URL, GAVEL_TEST_REDIS_URL, GAVEL_TEST_PG_DATA,
GAVEL_TEST_PG_CTL and DB, runs the command, then stops the servers.
Env: GAVEL_SERVICES (default "pg mysql redis"), CI=true (missing service is fatal),
     GAVEL_TEST_*_URL (use that server instead of starting one), DB (kept if set),
     GAVEL_SERVICES_TIMEOUT (readiness timeout per server, default 30 s),
     GAVEL_PG_BIN (PostgreSQL bin dir; default: newest /usr/lib/postgresql/*/bin).
See scripts/README.md.
EOF
}

is_ci() { case "${CI:-}" in [Tt][Rr][Uu][Ee] | 1 | [Yy][Ee][Ss]) return 0 ;; *) return 1 ;; esac; }

# Milliseconds since the epoch (bash 5's EPOCHREALTIME; its decimal separator follows the locale).
now_ms() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME/[.,]/}
    echo $((10#$t / 1000))
  else
    date +%s%3N
  fi
}
# Seconds since a now_ms timestamp, one decimal: "2.3s".
since() {
  local d=$(($(now_ms) - $1))
  printf '%d.%ds' $((d / 1000)) $((d % 1000 / 100))
}

# First executable among the given names, looked up in PATH and the sbin dirs (which a
# non-root PATH often lacks, and where Debian puts mariadbd).
find_exe() {
  local name dir
  for name in "$@"; do
    for dir in ${PATH//:/ } /usr/sbin /usr/local/sbin /sbin; do
      if [[ -x $dir/$name && ! -d $dir/$name ]]; then
        echo "$dir/$name"
        return 0
      fi
    done
  done
  return 1
}

# Is the process alive? A zombie counts as dead: PID 1 in a container does not always reap
# orphans, and `kill -0` succeeds on zombies.
is_alive() {
  local pid=$1 stat
  [[ -n $pid ]] || return 1
  if [[ -r /proc/$pid/stat ]]; then
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) } # drop "pid (comm) "; comm may contain spaces/parens
    [[ ${stat:0:1} != Z ]]
  else
    kill -0 "$pid" 2>/dev/null
  fi
}

# Send SIGTERM, wait up to $2 seconds, then SIGKILL.
terminate() {
  local pid=$1 grace=${2:-10} i
  is_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < grace * 10; i++)); do
    is_alive "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# A TCP port on 127.0.0.1 that nothing listens on. Picked at random below Linux's ephemeral range
# (32768-60999), so it cannot clash with the source port of some outgoing connection; "free" means
# a connect is refused. Two concurrent runs could still pick the same port: the loser sees
# "address already in use" and retries with another port (start_service).
USED_PORTS=" "
free_port() {
  local port i
  for ((i = 0; i < 200; i++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    [[ $USED_PORTS == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Print the last lines of a log file to stderr, indented (for failure messages).
show_log() {
  [[ -s $1 ]] || return 0
  log "--- last lines of $1:"
  tail -n "${2:-15}" "$1" | sed 's/^/    /' >&2
}

# Start a server in the background, in its own session (setsid) so that a Ctrl-C on the terminal
# goes to the command and not to the servers, which we stop ourselves. Its pid is written to
# <pid file> at once, before the server writes its own: whatever interrupts us from here on,
# clean-up knows what to kill. (A background child of a non-interactive shell is no process-group
# leader, so setsid does not fork and $! is the server itself; should it fork anyway, -w keeps
# $! alive exactly as long as the server.) Sets LAUNCHED_PID.
LAUNCHED_PID=""
launch() { # <pid file> <log file> <command...>
  local pidf=$1 logf=$2
  shift 2
  local pre=()
  command -v setsid >/dev/null && pre=(setsid -w)
  "${pre[@]}" "$@" </dev/null >>"$logf" 2>&1 &
  LAUNCHED_PID=$!
  echo "$LAUNCHED_PID" >"$pidf"
}

# ---------------------------------------------------------------------------------------------
# Arguments and state
# ---------------------------------------------------------------------------------------------
if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then
  usage
  [[ $# -eq 0 ]] && exit 2 || exit 0
fi

T_START=$(now_ms)
WORK=""          # the temp dir holding every data dir, socket, pid and log file
WATCHDOG_PID=""
STARTED=" "      # services whose servers we started (and must stop)
AVAILABLE=" "    # services the command can use (started by us or given by URL)
CLEANED=0

# A service cannot be provided: fatal in CI, a warning elsewhere.
service_failed() { # <service> <message>
  if is_ci; then
    die "$1: $2 (CI=true, so this is fatal; unset CI or drop '$1' from GAVEL_SERVICES to continue without it)"
  fi
  warn "$1: $2 — continuing without $1 (it is left out of DB)"
}

# ---------------------------------------------------------------------------------------------
# Clean-up: stop whatever we started, remove the temp dir. Idempotent, never aborts half-way,
# and driven by the files in $WORK so the watchdog (a forked copy of this shell) can run it too.
# ---------------------------------------------------------------------------------------------
stop_pg() {
  local data=$WORK/pg/data pid
  [[ -f $data/postmaster.pid ]] || return 0
  # Immediate mode: no checkpoint, the data is thrown away anyway.
  "$WORK/pg_ctl" -D "$data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  if [[ -f $data/postmaster.pid ]]; then # pg_ctl failed (e.g. someone broke the data dir)
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && terminate "$pid" 5
  fi
}
# Stop a server started with `launch`: the pid it wrote itself, then the one we recorded (the same
# process unless setsid had to fork, or the server had not written its pid file yet).
stop_launched() { # <server pid file> <launcher pid file> <grace seconds>
  local f pid
  for f in "$1" "$2"; do
    [[ -f $f ]] || continue
    pid=$(cat "$f" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && terminate "$pid" "$3"
  done
  return 0
}
stop_mysql() { stop_launched "$WORK/mysql/mysqld.pid" "$WORK/mysql/launcher.pid" 10; }
stop_redis() { stop_launched "$WORK/redis/redis.pid" "$WORK/redis/launcher.pid" 5; }
stop_all_and_remove() {
  [[ -n $WORK && -d $WORK ]] || return 0
  stop_pg
  stop_mysql
  stop_redis
  # A second try: a server killed a moment ago may still have been writing into the tree.
  rm -rf "$WORK" 2>/dev/null || { sleep 0.5; rm -rf "$WORK" || true; }
}

cleanup() {
  set +e # a failing stop must not skip the others
  ((CLEANED)) && return 0
  CLEANED=1
  [[ -n $WATCHDOG_PID ]] && kill "$WATCHDOG_PID" 2>/dev/null
  if [[ -n $WORK && -d $WORK ]]; then
    local t
    t=$(now_ms)
    stop_all_and_remove
    [[ $STARTED != " " ]] && log "stopped${STARTED% } and removed $WORK in $(since "$t")"
  fi
  return 0
}
on_exit() { # <status of the script>
  cleanup
  exit "$1"
}
on_signal() { # <signal name>
  log "caught SIG$1, stopping services"
  cleanup
  # Re-raise so our caller sees we died of the signal (shells rely on this for Ctrl-C).
  trap - "$1" EXIT
  kill -s "$1" "$$"
}
trap 'on_exit $?' EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# If this script is SIGKILLed, no trap runs: a background copy of this shell polls our pid and
# cleans up after us. It works from the files in $WORK alone (it cannot see variables set after
# it was forked), so it is started as soon as $WORK exists. It ignores INT/HUP (a Ctrl-C is our
# job) and dies on TERM (cleanup kills it first thing).
start_watchdog() {
  local main=$$
  (
    set +e # like cleanup: keep going whatever fails
    trap - EXIT TERM
    trap '' INT HUP
    while is_alive "$main"; do sleep 1; done
    # A start-up step we were in the middle of (initdb, mariadb-install-db, pg_ctl) runs on as an
    # orphan and may still write into $WORK or start a server: repeat until the tree stays gone.
    # (Once it is gone, such a step fails for want of its directory.)
    local i
    for ((i = 0; i < 60; i++)); do
      sleep 0.5
      stop_all_and_remove
      [[ -d $WORK ]] || break
    done
  ) </dev/null >/dev/null 2>&1 &
  WATCHDOG_PID=$!
}

# ---------------------------------------------------------------------------------------------
# Which services?
# ---------------------------------------------------------------------------------------------
WANT=" " # services to start ourselves
url_var() { case $1 in pg) echo GAVEL_TEST_PG_URL ;; mysql) echo GAVEL_TEST_MYSQL_URL ;; redis) echo GAVEL_TEST_REDIS_URL ;; esac; }

for svc in ${SERVICES_SPEC//,/ }; do
  case $svc in
    pg | postgres | postgresql) svc=pg ;;
    mysql | mariadb) svc=mysql ;;
    redis) svc=redis ;;
    *)
      service_failed "$svc" "unknown service in GAVEL_SERVICES='$SERVICES_SPEC' (known: pg mysql redis)"
      continue
      ;;
  esac
  [[ $WANT == *" $svc "* ]] && continue
  var=$(url_var "$svc")
  if [[ -n ${!var:-} ]]; then
    log "$svc: using $var from the environment (not starting a server)"
  else
    WANT+="$svc "
  fi
done
# A URL given by the caller makes that service available whether or not it was requested.
for svc in pg mysql redis; do
  var=$(url_var "$svc")
  [[ -n ${!var:-} ]] && AVAILABLE+="$svc "
done

# ---------------------------------------------------------------------------------------------
# Binaries: discover, install what is missing (root + apt only), rediscover.
# ---------------------------------------------------------------------------------------------
PG_BIN="" MYSQLD="" MYSQL_INSTALL_DB="" MYSQL_CLIENT="" MYSQL_ADMIN="" REDIS_SERVER="" REDIS_CLI=""

find_binaries() {
  local d
  PG_BIN=""
  # An explicit choice wins (e.g. a machine with several majors installed).
  if [[ -n ${GAVEL_PG_BIN:-} && -x ${GAVEL_PG_BIN}/initdb ]]; then PG_BIN=$GAVEL_PG_BIN; fi
  # Debian: /usr/lib/postgresql/<major>/bin — take the highest major that has a server.
  if [[ -z $PG_BIN ]]; then
    for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
      if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/psql ]]; then PG_BIN=$d; break; fi
    done
  fi
  # Elsewhere: whatever initdb is on the PATH (or pg_config --bindir).
  if [[ -z $PG_BIN ]] && d=$(find_exe initdb); then PG_BIN=$(dirname "$d"); fi
  if [[ -z $PG_BIN ]] && command -v pg_config >/dev/null; then
    d=$(pg_config --bindir 2>/dev/null || true)
    [[ -n $d && -x $d/initdb ]] && PG_BIN=$d
  fi
  MYSQLD=$(find_exe mariadbd mysqld || true)
  MYSQL_INSTALL_DB=$(find_exe mariadb-install-db mysql_install_db || true)
  MYSQL_CLIENT=$(find_exe mariadb mysql || true)
  MYSQL_ADMIN=$(find_exe mariadb-admin mysqladmin || true)
  REDIS_SERVER=$(find_exe redis-server || true)
  REDIS_CLI=$(find_exe redis-cli || true)
}
has_binaries() { # <service>
  case $1 in
    pg) [[ -n $PG_BIN && -x $PG_BIN/pg_ctl && -x $PG_BIN/psql && -x $PG_BIN/pg_isready ]] ;;
    mysql) [[ -n $MYSQLD && -n $MYSQL_INSTALL_DB && -n $MYSQL_CLIENT && -n $MYSQL_ADMIN ]] ;;
    redis) [[ -n $REDIS_SERVER && -n $REDIS_CLI ]] ;;
  esac
}
package_of() { case $1 in pg) echo postgresql ;; mysql) echo mariadb-server ;; redis) echo redis-server ;; esac; }

missing_services() {
  local svc out=""
  for svc in $WANT; do has_binaries "$svc" || out+="$svc "; done
  echo "$out"
}

find_binaries
MISSING=$(missing_services)
if [[ -n $MISSING ]]; then
  if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
    for svc in $MISSING; do
      service_failed "$svc" "server binaries not found and cannot install them (needs root and apt-get); install '$(package_of "$svc")' or set $(url_var "$svc")"
      WANT=${WANT/ $svc / }
    done
  else
    # One install at a time on this machine (two concurrent runs would fight over the dpkg lock);
    # whoever waited re-checks, since the other run may have installed everything already.
    lock_dir=/run/lock
    [[ -d $lock_dir && -w $lock_dir ]] || lock_dir=/tmp
    exec 9>"$lock_dir/gavel-with-services-apt.lock"
    flock -w 900 9 || true
    find_binaries
    MISSING=$(missing_services)
    if [[ -n $MISSING ]]; then
      pkgs=()
      for svc in $MISSING; do pkgs+=("$(package_of "$svc")"); done
      apt_log=$(mktemp /tmp/gavel-with-services-apt.XXXXXX.log)
      log "installing ${pkgs[*]} with apt-get (log: $apt_log)"
      t=$(now_ms)
      apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
      if DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >>"$apt_log" 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends "${pkgs[@]}" >>"$apt_log" 2>&1; then
        log "installed ${pkgs[*]} in $(since "$t")"
        rm -f "$apt_log"
      else
        warn "apt-get failed after $(since "$t")"
        show_log "$apt_log" 20
      fi
      find_binaries
      for svc in $(missing_services); do
        service_failed "$svc" "server binaries still missing after trying to install '$(package_of "$svc")'"
        WANT=${WANT/ $svc / }
      done
    fi
    flock -u 9 || true
    exec 9>&-
  fi
fi

# ---------------------------------------------------------------------------------------------
# The temp dir. As root: under /tmp, not $TMPDIR (the postgres and mysql users must be able to
# traverse every parent), mode 755 so they can reach their own subdirectories. Socket paths must
# stay under ~100 characters, another reason for a short base.
# ---------------------------------------------------------------------------------------------
if [[ $WANT != " " ]]; then
  if [[ $EUID -eq 0 ]]; then base=/tmp; else base=${TMPDIR:-/tmp}; fi
  WORK=$(mktemp -d "${base%/}/gavel-services.XXXXXX")
  chmod 755 "$WORK"
  start_watchdog
fi

# Runs one start attempt function with fresh ports until it succeeds, or fails for a reason other
# than a port clash. Sets PORT.
PORT=""
start_service() { # <service> <attempt function> <log file>
  local svc=$1 fn=$2 logf=$3 attempt
  for ((attempt = 1; attempt <= PORT_ATTEMPTS; attempt++)); do
    PORT=$(free_port) || { log "$svc: no free port found"; return 1; }
    USED_PORTS+="$PORT " # (free_port ran in a subshell)
    if "$fn" "$PORT"; then return 0; fi
    if [[ -f $logf ]] && grep -qiE 'address already in use|Can.t start server: Bind on TCP/IP port' "$logf"; then
      log "$svc: port $PORT was taken meanwhile, retrying with another"
      continue
    fi
    return 1
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
PG_RUN=() # prefix running a command as the cluster owner, from "/" (its cwd may be unreadable)

pg_try_start() { # <port>
  local port=$1 dir=$WORK/pg
  # Settings go in postgresql.conf (last value wins), so a restart through GAVEL_TEST_PG_CTL by a
  # test keeps the same port and socket. fsync and synchronous_commit stay at their durable
  # defaults: the kill/restart test depends on that.
  echo "port = $port" >>"$dir/data/postgresql.conf"
  # Empty the log of a previous attempt (only if it exists: as root, creating it here would make
  # it root's and unwritable for postgres).
  [[ -f $dir/postgres.log ]] && : >"$dir/postgres.log"
  "$WORK/pg_ctl" -D "$dir/data" -w -t "$READY_TIMEOUT" start >/dev/null 2>&1
}

start_pg() {
  local t dir=$WORK/pg locale=C out
  t=$(now_ms)
  mkdir -p "$dir/data" "$dir/run"
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { log "pg: no 'postgres' system user to run the server as"; return 1; }
    chown -R postgres: "$dir" || return 1
    PG_RUN=(runuser -u postgres --)
  fi
  chmod 700 "$dir" "$dir/data"
  # GAVEL_TEST_PG_CTL: a wrapper that runs pg_ctl as the cluster owner, from "/", with our log
  # file and data dir as defaults (a later -D/-l on the command line wins). One path, no spaces:
  # usable both as a shell prefix and with execFile.
  cat >"$WORK/pg_ctl" <<EOF
#!/bin/sh
# Generated by scripts/with-services.sh: pg_ctl for the throwaway cluster in $dir/data.
cd / || exit 1
exec ${PG_RUN[*]:+${PG_RUN[*]} }"$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" "\$@"
EOF
  chmod 755 "$WORK/pg_ctl"

  # UTF-8 with codepoint collation when the C.UTF-8 locale exists (Debian), plain C otherwise.
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
  # --no-sync only skips initdb's final flush of the fresh cluster to disk (it cannot matter
  # unless the machine itself crashes); the server runs with fsync=on.
  if ! (cd / && "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$dir/data" --encoding=UTF8 --locale="$locale" \
    --auth-local=peer --auth-host=scram-sha-256 --no-sync) >"$WORK/pg-initdb.log" 2>&1; then
    log "pg: initdb failed"
    show_log "$WORK/pg-initdb.log"
    return 1
  fi
  cat >>"$dir/data/postgresql.conf" <<EOF

# --- added by scripts/with-services.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/run'
max_connections = 200
fsync = on
synchronous_commit = on
EOF
  if ! start_service pg pg_try_start "$dir/postgres.log"; then
    log "pg: server did not start"
    show_log "$dir/postgres.log"
    return 1
  fi
  PG_PORT=$PORT
  STARTED+="pg "
  if ! (cd / && "${PG_RUN[@]}" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$PG_PORT" -d postgres \
    -c "CREATE ROLE gavel WITH LOGIN SUPERUSER PASSWORD 'gavel'" \
    -c "CREATE DATABASE gavel OWNER gavel") >"$WORK/pg-setup.log" 2>&1; then
    log "pg: could not create role/database gavel"
    show_log "$WORK/pg-setup.log"
    return 1
  fi
  # The exported URL, end to end: TCP, password auth.
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 5 || { log "pg: pg_isready failed on 127.0.0.1:$PG_PORT"; return 1; }
  out=$(PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -At "postgres://gavel:gavel@127.0.0.1:$PG_PORT/gavel" \
    -c "show server_version" 2>&1) || { log "pg: cannot log in as gavel over TCP: $out"; return 1; }
  log "pg: PostgreSQL ${out%% *} ready on 127.0.0.1:$PG_PORT (data $dir/data) in $(since "$t")"
}

# ---------------------------------------------------------------------------------------------
# MariaDB
# ---------------------------------------------------------------------------------------------
MYSQL_ADMIN_USER=root # the socket-authenticated account mariadb-install-db creates for us

mysql_try_start() { # <port>
  local port=$1 dir=$WORK/mysql i user_opt=()
  [[ $EUID -eq 0 ]] && user_opt=(--user=mysql)
  rm -f "$dir/mysqld.pid" "$dir/launcher.pid"
  : >"$dir/mysqld.log"
  # --no-defaults: ignore /etc/mysql/*, so nothing of the machine's own server leaks in.
  # utf8mb4 as on a stock Debian server (the compiled-in default would be latin1).
  # Durability stays at the defaults (innodb_flush_log_at_trx_commit=1, doublewrite on).
  launch "$dir/launcher.pid" "$dir/mysqld.log" "$MYSQLD" --no-defaults "${user_opt[@]}" \
    --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/mysqld.log" \
    --max-connections=300 --innodb-buffer-pool-size=256M --skip-log-bin --skip-name-resolve \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
  local pid=$LAUNCHED_PID
  for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
    # `ping` succeeds as soon as the server answers, even before we could log in.
    if "$MYSQL_ADMIN" --no-defaults --socket="$dir/mysqld.sock" -u "$MYSQL_ADMIN_USER" \
      --connect-timeout=2 ping >/dev/null 2>&1; then
      return 0
    fi
    is_alive "$pid" || return 1
    sleep 0.1
  done
  log "mysql: no answer within ${READY_TIMEOUT}s"
  terminate "$pid" 5
  return 1
}

start_mysql() {
  local t dir=$WORK/mysql out install_opts=()
  t=$(now_ms)
  mkdir -p "$dir/data"
  if [[ $EUID -eq 0 ]]; then
    id mysql >/dev/null 2>&1 || { log "mysql: no 'mysql' system user to run the server as"; return 1; }
    chown -R mysql: "$dir" || return 1
    install_opts=(--user=mysql)
  else
    # Not root: the second socket-authenticated admin account is the current user.
    MYSQL_ADMIN_USER=$(id -un)
    install_opts=(--auth-root-socket-user="$MYSQL_ADMIN_USER")
  fi
  chmod 750 "$dir"
  if ! "$MYSQL_INSTALL_DB" --no-defaults "${install_opts[@]}" --datadir="$dir/data" \
    --auth-root-authentication-method=socket --skip-test-db --skip-name-resolve \
    >"$WORK/mysql-install.log" 2>&1 </dev/null; then
    log "mysql: mariadb-install-db failed"
    show_log "$WORK/mysql-install.log"
    return 1
  fi
  if ! start_service mysql mysql_try_start "$dir/mysqld.log"; then
    log "mysql: server did not start"
    show_log "$dir/mysqld.log"
    return 1
  fi
  MYSQL_PORT=$PORT
  STARTED+="mysql "
  # Real grants: root logs in over the socket only; the tests get gavel/gavel over TCP with every
  # privilege (they create and drop databases).
  if ! "$MYSQL_CLIENT" --no-defaults --socket="$dir/mysqld.sock" -u "$MYSQL_ADMIN_USER" -e "
      CREATE USER 'gavel'@'127.0.0.1' IDENTIFIED BY 'gavel';
      CREATE USER 'gavel'@'localhost' IDENTIFIED BY 'gavel';
      GRANT ALL PRIVILEGES ON *.* TO 'gavel'@'127.0.0.1' WITH GRANT OPTION;
      GRANT ALL PRIVILEGES ON *.* TO 'gavel'@'localhost' WITH GRANT OPTION;
      CREATE DATABASE gavel;" >"$WORK/mysql-setup.log" 2>&1; then
    log "mysql: could not create user/database gavel"
    show_log "$WORK/mysql-setup.log"
    return 1
  fi
  out=$("$MYSQL_CLIENT" --no-defaults --protocol=tcp -h 127.0.0.1 -P "$MYSQL_PORT" -u gavel -pgavel \
    --connect-timeout=5 -N -B -e 'SELECT VERSION()' gavel 2>&1) ||
    { log "mysql: cannot log in as gavel over TCP: $out"; return 1; }
  log "mysql: MariaDB ${out%%-*} ready on 127.0.0.1:$MYSQL_PORT (data $dir/data) in $(since "$t")"
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------
redis_try_start() { # <port>
  local port=$1 dir=$WORK/redis i pid
  rm -f "$dir/redis.pid" "$dir/launcher.pid"
  : >"$dir/redis.log"
  # No persistence at all (--save '' --appendonly no): the cache is disposable. Not daemonized
  # (--daemonize yes would leave its pid unknown until the daemon writes it): `launch` keeps it in
  # the background and records its pid at once.
  launch "$dir/launcher.pid" "$dir/redis.log" "$REDIS_SERVER" --port "$port" --bind 127.0.0.1 \
    --save '' --appendonly no --daemonize no --pidfile "$dir/redis.pid" --dir "$dir" \
    --logfile "$dir/redis.log"
  pid=$LAUNCHED_PID
  for ((i = 0; i < READY_TIMEOUT * 10; i++)); do
    is_alive "$pid" || return 1 # e.g. "Address already in use": start_service retries
    # Ready only once OUR server says so: after a clash a PONG could come from whoever holds the
    # port. `timeout`: redis-cli has no read timeout, and a foreign server may never answer.
    if grep -q 'Ready to accept connections' "$dir/redis.log" 2>/dev/null &&
      [[ $(timeout 3 "$REDIS_CLI" -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; then
      return 0
    fi
    sleep 0.1
  done
  log "redis: no answer within ${READY_TIMEOUT}s"
  terminate "$pid" 5
  return 1
}

start_redis() {
  local t dir=$WORK/redis out
  t=$(now_ms)
  mkdir -p "$dir"
  if ! start_service redis redis_try_start "$dir/redis.log"; then
    log "redis: server did not start"
    show_log "$dir/redis.log"
    stop_redis
    return 1
  fi
  REDIS_PORT=$PORT
  STARTED+="redis "
  out=$("$REDIS_CLI" -h 127.0.0.1 -p "$REDIS_PORT" info server 2>/dev/null | tr -d '\r' | sed -n 's/^redis_version://p')
  log "redis: Redis ${out:-?} ready on 127.0.0.1:$REDIS_PORT in $(since "$t")"
}

# ---------------------------------------------------------------------------------------------
# Start everything wanted, in a fixed order. A service that fails is stopped and its files
# removed, so a half-started server never outlives a failed start.
# ---------------------------------------------------------------------------------------------
for svc in $WANT; do
  if "start_$svc"; then
    AVAILABLE+="$svc "
  else
    "stop_$svc"
    STARTED=${STARTED/ $svc / }
    rm -rf "${WORK:?}/$svc"
    service_failed "$svc" "could not be started (see messages above)"
  fi
done

# ---------------------------------------------------------------------------------------------
# Environment for the command.
# ---------------------------------------------------------------------------------------------
if [[ $STARTED == *" pg "* ]]; then
  export GAVEL_TEST_PG_URL="postgres://gavel:gavel@127.0.0.1:$PG_PORT/gavel"
  export GAVEL_TEST_PG_DATA="$WORK/pg/data"
  export GAVEL_TEST_PG_CTL="$WORK/pg_ctl"
fi
if [[ $STARTED == *" mysql "* ]]; then
  export GAVEL_TEST_MYSQL_URL="mysql://gavel:gavel@127.0.0.1:$MYSQL_PORT/gavel"
fi
if [[ $STARTED == *" redis "* ]]; then
  export GAVEL_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
fi

# DB: the SQL dialects the tests should run against. Redis is not a dialect.
if [[ -z ${DB:-} ]]; then
  DB="memory sqlite"
  [[ $AVAILABLE == *" pg "* ]] && DB+=" pg"
  [[ $AVAILABLE == *" mysql "* ]] && DB+=" mysql"
  export DB
else
  export DB
  for d in pg mysql; do
    if [[ " $DB " == *" $d "* && $AVAILABLE != *" $d "* ]]; then
      warn "DB='$DB' (from the environment) names $d, but no $d server is available"
    fi
  done
fi

log "ready in $(since "$T_START"): DB='$DB'${WORK:+, files in $WORK}"

# ---------------------------------------------------------------------------------------------
# Run the command (in the foreground, so it keeps the terminal and gets Ctrl-C directly), then
# exit with its status; the EXIT trap stops the servers.
# ---------------------------------------------------------------------------------------------
status=0
"$@" || status=$?
exit "$status"
