#!/bin/sh
# Pipeline cost per item (diff, match, detectors, one transaction per poll) and the size of the
# state per 100,000 items: PipelineBench, release build, with the default story's watchlists.
#
#   make bench-pipeline
#   ITEMS=100000 sh Benchmarks/pipeline.sh
set -eu
ITEMS=${ITEMS:-100000}
BIN=${BIN:-.build/release/PipelineBench}
[ -x "$BIN" ] || { echo "pipeline.sh: $BIN missing; run: make bench-pipeline" >&2; exit 1; }
for run in 1 2 3; do "$BIN" --items "$ITEMS" --config config/storywatch.yaml; done
