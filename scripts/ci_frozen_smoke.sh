#!/usr/bin/env bash
# Build the Linux onedir with build.spec and smoke-test the frozen app, as users will run it.
#
# Why: a PyInstaller build can succeed and still ship a broken app (a trimmed Qt plugin, missing
# translations, keyring's backends lost so "Remember me" silently stops working). `--self-test` checks
# exactly those, against the frozen binary. Prints the bundle size and the start-to-report time of the
# frozen app next to `python main.py --self-test`, so size or start-up regressions show in every CI log.
#
# Usage: bash scripts/ci_frozen_smoke.sh        (from anywhere; builds into ./dist and ./build)
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_MB=150
RUNS=3
APP=dist/OpenKeyDesktop/OpenKeyDesktop
export QT_QPA_PLATFORM=offscreen

if ! python3 -c "import PyInstaller" 2>/dev/null; then
  echo "frozen smoke: installing the build extra (pyinstaller)"
  python3 -m pip install --quiet -e ".[build]"
fi

echo "frozen smoke: pyinstaller build.spec"
build_start=$(date +%s)
python3 -m PyInstaller build.spec --noconfirm --clean --log-level WARN
echo "frozen smoke: built in $(( $(date +%s) - build_start )) s"

# Median wall time (seconds) of RUNS runs of a command that must print "self-test ok".
median_self_test() {
  local times=() start end out
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N)
    out=$("$@" 2>/dev/null) || { echo "frozen smoke: FAILED: $* -> ${out:-no output}" >&2; return 1; }
    end=$(date +%s%N)
    case "$out" in *"self-test ok"*) ;; *) echo "frozen smoke: FAILED: $* -> $out" >&2; return 1 ;; esac
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

# 1. The frozen self-test as it is (no Secret Service here unless the machine has one).
"$APP" --self-test

# 2. The same against a throwaway, unlocked gnome-keyring in a throwaway home: proves the frozen keyring
#    backend (keyring's entry points, secretstorage, jeepney, cryptography) stores, reads and deletes a
#    credential — and never touches this machine's own keyrings.
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -m 700 "$scratch/run"
  # shellcheck disable=SC2016  # $0 is expanded by the inner sh, on purpose
  HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run" OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP=1 \
    dbus-run-session -- sh -c \
    'echo -n smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" --self-test' \
    "$PWD/$APP" | tee "$scratch/report"
  grep -q "keyring=SecretService" "$scratch/report" \
    || { echo "frozen smoke: FAILED: the frozen app did not use the Secret Service" >&2; exit 1; }
elif [ "${OPENKEY_REQUIRE_ALL_TESTS:-}" = 1 ]; then
  echo "frozen smoke: FAILED: needs dbus-run-session and gnome-keyring-daemon (see .ci/run)" >&2
  exit 1
else
  echo "frozen smoke: skipped the Secret Service round trip (no dbus-run-session / gnome-keyring-daemon)"
fi

# 3. Size and start time.
size_mb=$(du -sm dist/OpenKeyDesktop | cut -f1)
frozen_ms=$(median_self_test "$APP" --self-test)
source_ms=$(median_self_test python3 main.py --self-test)
echo "frozen smoke: bundle $(du -sh dist/OpenKeyDesktop | cut -f1) (dist/OpenKeyDesktop, limit ${MAX_MB} MB)"
echo "frozen smoke: --self-test wall time, median of $RUNS: frozen ${frozen_ms} ms, source ${source_ms} ms"
if [ "$size_mb" -ge "$MAX_MB" ]; then
  echo "frozen smoke: FAILED: the onedir is ${size_mb} MB, the limit is ${MAX_MB} MB (see build.spec's trimming)" >&2
  exit 1
fi
