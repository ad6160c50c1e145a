#!/bin/sh
# Writes scripts/link-order.txt: the functions the daemon runs, which the release link lays out
# together (lld --symbol-ordering-file; scripts/link-order.ld places the code that has no
# symbol). The kernel maps a binary's code 64 KiB at a time around each page the process
# touches, so code that runs scattered over a 20 MB text segment keeps most of it resident;
# packed together, a few MB. See Benchmarks/README.md, "The daemon at rest".
#
# The run: the daemon under valgrind's callgrind, with the watchlists of config/storywatch.yaml,
# 20 sources on a private nginx (127.0.0.1-127.0.0.20) carrying matching stories, figures and
# the same title on several hosts, file sinks in both formats and a UDP syslog sink; the first
# round, a reload (SIGHUP) and a stop (SIGTERM). Names that later changes rename are ignored by
# the linker (they only lose their place), so regenerate after large changes:
#
#   make link-order
set -eu
BIN=${BIN:-.build/release/storywatch}
OUT=${OUT:-scripts/link-order.txt}
SOURCES=20
[ -x "$BIN" ] || { echo "link-order.sh: $BIN missing; run: make release" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "link-order.sh: valgrind missing; run: apt-get install valgrind" >&2; exit 1; }
. scripts/loopback-daemon.sh
work=$(mktemp -d /tmp/storywatch-order.XXXXXX)
trap loopback_cleanup EXIT INT TERM
loopback_nginx $SOURCES

now=$(date -u -R)
cat > "$work/root/feed.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>profile</title><link>http://example.org/</link><ttl>5</ttl>
<item><guid>a</guid><title>About 10,000 North Korean troops sent to Russia's Kursk region</title>
<link>http://example.org/a</link><pubDate>$now</pubDate><description>&lt;p&gt;Seoul says &lt;b&gt;North Korean soldiers&lt;/b&gt; are training near Kursk.&lt;/p&gt;</description></item>
<item><guid>b</guid><title>South Korea weighs sending weapons to Ukraine</title>
<link>http://example.org/b?utm_source=rss</link><pubDate>$now</pubDate><description>Arms and a monitoring team.</description></item>
<item><guid>c</guid><title>북한군 1만 2천명 쿠르스크 파병</title><link>http://example.org/c</link><pubDate>$now</pubDate></item>
<item><guid>d</guid><title>Weather</title><link>http://example.org/d</link><pubDate>$now</pubDate></item>
</channel></rss>
EOF

{
    echo "state_dir: $work/state"
    echo "sources:"
    i=1; while [ $i -le $SOURCES ]; do
        tier=media; [ $i -eq 1 ] && tier=agency
        echo "  - {name: s$i, plugin: feed, url: \"http://127.0.0.$i:$port/feed.xml\", interval: 5m, language: en, tier: $tier}"
        i=$((i + 1))
    done
    sed -n '/^watchlists:/,/^sinks:/p' config/storywatch.yaml | sed '$d'
    echo "sinks:"
    echo "  - {type: file, path: \"$work/alerts.log\"}"
    echo "  - {type: file, path: \"$work/alerts.jsonl\", format: json}"
    echo "  - {type: syslog, address: \"udp://127.0.0.1:$port\", format: rfc5424}"
} > "$work/storywatch.yaml"

# valgrind cannot read the DWARF of a Swift release build; the symbol table is enough.
strip --strip-debug -o "$work/storywatch" "$BIN"
valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/callgrind.out" \
    "$work/storywatch" run --config "$work/storywatch.yaml" 2> "$work/daemon.log" &
daemon=$!
wait_for_log ' polled ' $SOURCES
sleep 3
kill -HUP "$daemon"
wait_for_log 'reload' 1
sleep 3
kill -TERM "$daemon"
wait "$daemon" || true
daemon=

# callgrind names each object and function once, as "ob=(N) name" / "fn=(N) name", then by
# number alone; keep the functions of our binary, each once, sorted (the linker keeps them
# together in any order; sorted, a new profile's diff shows what changed). Code without a
# symbol shows as an address; scripts/link-order.ld places it instead.
awk -v bin="$work/storywatch" '
    function name(kind, rest,    id) {
        id = rest; sub(/\).*/, "", id); sub(/^\(/, "", id)
        if (index(rest, ") ")) names[kind, id] = substr(rest, index(rest, ") ") + 2)
        return names[kind, id]
    }
    /^ob=/  { ob = name("ob", substr($0, 4)); next }
    /^cob=/ { name("ob", substr($0, 5)); next }
    /^cfn=/ { name("fn", substr($0, 5)); next }
    /^fn=/  { fn = name("fn", substr($0, 4)); if (ob == bin && fn !~ /^0x/) print fn }
' "$work/callgrind.out" | LC_ALL=C sort -u > "$OUT.tmp"
count=$(wc -l < "$OUT.tmp")
[ "$count" -gt 1000 ] || { echo "link-order.sh: only $count functions recorded; $OUT left as it was" >&2; rm -f "$OUT.tmp"; exit 1; }
mv "$OUT.tmp" "$OUT"
echo "link-order.sh: $count functions written to $OUT"
