#!/bin/sh
# Checks systemd/storywatch.service: `systemd-analyze verify` must be clean and
# `systemd-analyze security --offline=true` must give an exposure of 2.0 or less.
# The unit is checked with its ExecStart pointing at the binary just built ($1).
set -eu
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s|/usr/local/bin/storywatch|$binary|g" systemd/storywatch.service > "$work/storywatch.service"
if ! output=$(systemd-analyze verify "$work/storywatch.service" 2>&1) || [ -n "$output" ]; then
    echo "check-unit: systemd-analyze verify is not clean:" >&2
    echo "$output" >&2
    exit 1
fi
exposure=$(systemd-analyze security --offline=true "$work/storywatch.service" 2>/dev/null | sed -n 's/.*Overall exposure level for storywatch.service: \([0-9.]*\).*/\1/p')
if [ -z "$exposure" ] || awk -v exposure="$exposure" 'BEGIN { exit !(exposure > 2.0) }'; then
    echo "check-unit: exposure ${exposure:-unknown} is above 2.0" >&2
    exit 1
fi
echo "check-unit: systemd-analyze verify clean, exposure $exposure"
