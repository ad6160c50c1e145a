#!/bin/sh
# Feed parsing throughput: storywatch's feed parser (ParseBench, release build) next to
# `xmllint --stream --noout` on the same files, timed side by side by hyperfine in one run.
# The corpus is the shared generator's (1,000 RSS 2.0 / Atom feeds of 20-200 KB, 5 languages).
#
#   make bench-parse
#   N=1000 RUNS=10 SHARED=../shared sh Benchmarks/parse.sh
set -eu
N=${N:-1000}
RUNS=${RUNS:-10}
SHARED=${SHARED:-../shared}
BIN=${BIN:-.build/release/ParseBench}
CORPUS=${CORPUS:-/tmp/storywatch-parsebench-$N}
[ -x "$BIN" ] || { echo "parse.sh: $BIN missing; run: make bench-parse" >&2; exit 1; }
[ -f "$SHARED/bench/gen_corpus.py" ] || { echo "parse.sh: $SHARED/bench/gen_corpus.py not found; set SHARED" >&2; exit 1; }

if [ ! -f "$CORPUS/paths.txt" ]; then
    python3 "$SHARED/bench/gen_corpus.py" --out "$CORPUS" -n "$N" --no-gz >/dev/null
fi
files=$(sed "s|^|$CORPUS/|" "$CORPUS/paths.txt" | tr '\n' ' ')
echo "corpus: $N files, $(du -sk "$CORPUS/feeds" | cut -f1) KiB in $CORPUS; $(xmllint --version 2>&1 | head -1)"
# shellcheck disable=SC2086
"$BIN" $files
# shellcheck disable=SC2086
hyperfine --warmup 2 --runs "$RUNS" --export-markdown "$CORPUS/result.md" \
    -n storywatch-parser "$BIN $files" \
    -n xmllint-stream "xmllint --stream --noout $files"
cat "$CORPUS/result.md"
