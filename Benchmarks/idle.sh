#!/bin/sh
# The daemon at rest: 100 sources at a 5-minute interval, served by a private nginx on
# 127.0.0.1-127.0.0.100 (scripts/loopback-daemon.sh). After the first round, CPU time used over 60 idle seconds
# (target under 50 ms) and resident memory (target under 30 MB), read from /proc. Build with
# `make release` (Makefile: static runtime, lld, scripts/link-order.txt); a plain
# `swift build -c release` binary is larger at rest.
#
#   make bench-idle
#   IDLE=60 sh Benchmarks/idle.sh
set -eu
IDLE=${IDLE:-60}
BIN=${BIN:-.build/release/storywatch}
[ -x "$BIN" ] || { echo "idle.sh: $BIN missing; run: make release" >&2; exit 1; }
. scripts/loopback-daemon.sh
work=$(mktemp -d /tmp/storywatch-idle.XXXXXX)
trap loopback_cleanup EXIT INT TERM
loopback_nginx 100
printf '<rss version="2.0"><channel><title>idle</title><item><guid>1</guid><title>Weather</title></item></channel></rss>\n' > "$work/root/feed.xml"
{
    echo "state_dir: $work/state"
    echo "sources:"
    i=1; while [ $i -le 100 ]; do echo "  - {name: s$i, plugin: feed, url: \"http://127.0.0.$i:$port/feed.xml\", interval: 5m}"; i=$((i + 1)); done
    echo "watchlists:"
    echo "  - {name: troops, query: \"north korean troops\"}"
    echo "sinks:"
    echo "  - {type: file, path: \"$work/alerts.log\"}"
} > "$work/storywatch.yaml"
# The kernel maps the pages of a binary around each fault only when they are in the page cache:
# read it all first, as right after `make install`, so the figure is the largest one and the
# same from run to run.
cat "$BIN" > /dev/null
"$BIN" run --config "$work/storywatch.yaml" 2> "$work/daemon.log" &
daemon=$!
wait_for_log ' polled ' 100
sleep 2
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$daemon/stat"; }
before=$(cpu)
sleep "$IDLE"
after=$(cpu)
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$daemon/status")
anonymous=$(awk '/^Anonymous:/ { print $2 }' "/proc/$daemon/smaps_rollup")
pss=$(awk '/^Pss:/ { print $2 }' "/proc/$daemon/smaps_rollup")
exe=$(readlink "/proc/$daemon/exe")
binary=$(awk -v exe="$exe" '/^[0-9a-f]+-[0-9a-f]+ / { mapped = ($6 == exe) } /^Rss:/ && mapped { kb += $2 } END { print kb + 0 }' "/proc/$daemon/smaps")
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f MB", kb / 1024 }'; }
echo "100 sources polled; over $IDLE idle seconds: $(( (after - before) * 1000 / ticks )) ms of CPU"
echo "memory: resident $(mb "$rss"): $(mb "$anonymous") its own (anonymous), $(mb "$binary") of its binary, $(mb $((rss - anonymous - binary))) of shared libraries; proportional share $(mb "$pss")"
