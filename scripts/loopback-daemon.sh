# Sourced by Benchmarks/idle.sh and scripts/link-order.sh, which run the daemon against sources
# on a private nginx. Set $work (a fresh folder) and $daemon (the daemon's pid, once started)
# and call loopback_cleanup on exit.
#
#   loopback_nginx N     serves $work/root on 127.0.0.1 ... 127.0.0.N (one loopback address
#                        per source, so host politeness does not serialise a round) at one
#                        free port, set in $port
#   wait_for_log PATTERN COUNT
#                        until $work/daemon.log has COUNT lines with PATTERN (at most 2 min)

loopback_nginx() {
    mkdir -p "$work/root" "$work/tmp"
    chmod 755 "$work"  # nginx workers started by root run as an unprivileged user
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    {
        echo "daemon off; worker_processes 1; pid $work/nginx.pid; error_log $work/error.log warn;"
        echo "events { worker_connections 512; }"
        echo "http { access_log off; client_body_temp_path $work/tmp/b; proxy_temp_path $work/tmp/p; fastcgi_temp_path $work/tmp/f; uwsgi_temp_path $work/tmp/u; scgi_temp_path $work/tmp/s;"
        echo "  server { root $work/root;"
        i=1; while [ "$i" -le "$1" ]; do echo "    listen 127.0.0.$i:$port;"; i=$((i + 1)); done
        echo "  } }"
    } > "$work/nginx.conf"
    nginx -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
    tries=0
    until [ -s "$work/nginx.pid" ]; do
        tries=$((tries + 1))
        [ "$tries" -lt 50 ] || { echo "nginx did not start" >&2; cat "$work/error.log" >&2; exit 1; }
        sleep 0.1
    done
}

wait_for_log() {
    tries=0
    until [ "$(grep -c "$1" "$work/daemon.log" || true)" -ge "$2" ]; do
        tries=$((tries + 1))
        [ "$tries" -lt 1200 ] || { echo "no '$1' in the daemon's log" >&2; tail "$work/daemon.log" >&2; exit 1; }
        sleep 0.1
    done
}

loopback_cleanup() {
    [ -n "${daemon:-}" ] && kill "$daemon" 2>/dev/null || true
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
