#!/bin/sh
# Installs the Debian packages named on the command line that are missing.
# As root it runs apt-get itself; otherwise through `sudo -n` when that works;
# otherwise it stops with one line naming the exact command to run.
set -eu
missing=""
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo -n"
else
    echo "storywatch: missing packages; run: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "storywatch: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq
# shellcheck disable=SC2086
$run apt-get install -y -q --no-install-recommends $missing
