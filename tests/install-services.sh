#!/usr/bin/env bash
# What the tests start that pip cannot install: Virtuoso (tests/store/test_remote.py), and Chromium with its
# WebDriver (the workbench's browser tests in tests/serve). Installed with apt-get when absent and this is root;
# otherwise one line says what to install, and those tests are skipped (in CI, with CI=true, they fail instead).
set -u
missing=()
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} = 0 ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    # Keep packages from starting their own services (Virtuoso on ports 1111/8890 of every address).
    made_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
    fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
        echo "could not install ${missing[*]}: their tests will be skipped" >&2
    if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
    exit 0
fi
echo "${missing[*]} not installed and cannot be installed here (needs root): their tests are skipped;" \
     "install with: sudo apt-get install ${missing[*]}" >&2
exit 0
