#!/bin/sh
# Fetching N small files (default 1,000) from a private nginx on 127.0.0.1:
# storywatch's Fetcher (FetchBench, release build) next to `curl --parallel --parallel-max 50`,
# timed side by side by hyperfine in the same run. Loopback only; everything stops by itself.
#
#   make bench-fetch                # builds FetchBench, then runs this script
#   N=1000 RUNS=10 sh Benchmarks/fetch.sh
set -eu
N=${N:-1000}
RUNS=${RUNS:-10}
PARALLEL=${PARALLEL:-50}
BIN=${BIN:-.build/release/FetchBench}
[ -x "$BIN" ] || { echo "fetch.sh: $BIN missing; run: make bench-fetch" >&2; exit 1; }

work=$(mktemp -d /tmp/storywatch-fetchbench.XXXXXX)
chmod 755 "$work"  # nginx workers started by root run as an unprivileged user
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# The corpus: N small RSS documents of 1-4 KB.
mkdir -p "$work/root/feeds" "$work/tmp"
i=0
while [ "$i" -lt "$N" ]; do
    {
        printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>feed %d</title>\n' "$i"
        j=0
        while [ "$j" -lt $((2 + i % 10)) ]; do
            printf '<item><title>North Korean troops near Kursk, report %d.%d</title><link>http://127.0.0.1/%d/%d</link><description>Seoul says about 10,000 soldiers were sent to Russia; figures keep changing.</description></item>\n' "$i" "$j" "$i" "$j"
            j=$((j + 1))
        done
        printf '</channel></rss>\n'
    } > "$work/root/feeds/$i.xml"
    i=$((i + 1))
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    keepalive_requests 10000;
    server { listen 127.0.0.1:$port; root $work/root; }
}
CONF
nginx -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
tries=0
until curl -sf -o /dev/null "http://127.0.0.1:$port/feeds/0.xml"; do
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || { echo "fetch.sh: nginx did not start" >&2; cat "$work/error.log" >&2; exit 1; }
    sleep 0.1
done

i=0
while [ "$i" -lt "$N" ]; do
    echo "http://127.0.0.1:$port/feeds/$i.xml" >> "$work/urls.txt"
    printf 'url = "http://127.0.0.1:%d/feeds/%d.xml"\noutput = "/dev/null"\n' "$port" "$i" >> "$work/curl.conf"
    i=$((i + 1))
done

echo "corpus: $N files, $(du -sk "$work/root/feeds" | cut -f1) KiB; curl $(curl --version | head -1 | cut -d' ' -f2)"
"$BIN" "$work/urls.txt" --parallel "$PARALLEL"
hyperfine --warmup 2 --runs "$RUNS" --export-markdown "$work/result.md" \
    -n storywatch-fetcher "$BIN $work/urls.txt --parallel $PARALLEL" \
    -n curl-parallel "curl --silent --fail --parallel --parallel-max $PARALLEL --config $work/curl.conf"
cat "$work/result.md"
