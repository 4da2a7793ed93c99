#!/usr/bin/env bash
# The servers the tests start that pip cannot install: Virtuoso (tests/store/test_remote.py).
# Installed with apt-get when absent and this is root; otherwise one line says what to install, and
# those tests are skipped (in CI, with CI=true, they fail instead).
set -u
if command -v virtuoso-t >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    # Keep the package from starting its own service on ports 1111/8890 of every address.
    made_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
    fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null; } ||
        echo "could not install virtuoso-opensource: the Virtuoso tests will be skipped" >&2
    if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
    command -v virtuoso-t >/dev/null 2>&1 && exit 0
fi
echo "Virtuoso is not installed and cannot be installed here (needs root): its tests are skipped;" \
     "install it with: sudo apt-get install virtuoso-opensource" >&2
exit 0
