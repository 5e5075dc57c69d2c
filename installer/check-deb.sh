#!/usr/bin/env bash
# End-to-end check of the Linux installer: builds the .deb (mvn -Pinstaller package), installs it on
# this machine, runs the installed 'flashsplat --version' and 'flashsplat segment' on the bundled
# sample, opens the studio from its menu entry under Xvfb and takes a screenshot
# (target/installer-screenshot.png), then uninstalls the package and checks that its files are gone.
#
# Debian/Ubuntu, as root or with sudo; installs xvfb, imagemagick, x11-utils and x11-apps when missing.
# Takes a few minutes (jpackage alone is about a minute). CI runs it with FLASHSPLAT_CI_INSTALLER=1.
#
# Environment:
#   FLASHSPLAT_DEB=path   check this .deb instead of building one
#   KEEP_INSTALLED=1      leave the package installed at the end
#   MAX_DEB_MB=80         fail when the .deb is larger (MB = 1,000,000 bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PKG=flashsplat
SHOT="$ROOT/target/installer-screenshot.png"
MAX_DEB_MB=${MAX_DEB_MB:-80}
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

say() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'check-deb: FAILED: %s\n' "$*" >&2
  exit 1
}

# Timings of the steps, printed at the end.
TIMES=()
T_START=$EPOCHREALTIME
T_LAP=$T_START
lap() {
  local now=$EPOCHREALTIME
  TIMES+=("$(awk -v a="$T_LAP" -v b="$now" -v n="$1" 'BEGIN { printf "  %-34s %7.1f s", n, b - a }')")
  T_LAP=$now
}

XVFB_PID=""
APP_PID=""
INSTALLED_BY_US=""
WORK=$(mktemp -d)
cleanup() {
  local rc=$?
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  if [ -n "$INSTALLED_BY_US" ] && [ "${KEEP_INSTALLED:-}" != 1 ] && dpkg -s "$PKG" >/dev/null 2>&1; then
    echo "check-deb: removing $PKG after a failure" >&2
    $SUDO dpkg -r "$PKG" >/dev/null || true
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------
say "build"
if [ -n "${FLASHSPLAT_DEB:-}" ]; then
  DEB=$(realpath "$FLASHSPLAT_DEB")
else
  if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    export PATH="$JAVA_HOME/bin:$PATH"
  fi
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  mvn -B -ntp -q -Pinstaller -DskipTests package
  DEB=$(ls "$ROOT"/target/installer/${PKG}_*.deb | head -1)
fi
[ -f "$DEB" ] || fail "no .deb found"
lap "build (mvn -Pinstaller package)"
DEB_BYTES=$(stat -c %s "$DEB")
VERSION=$(dpkg-deb -f "$DEB" Version)
echo "$DEB: $DEB_BYTES bytes, version $VERSION"
echo "Depends: $(dpkg-deb -f "$DEB" Depends)"
[ "$DEB_BYTES" -lt $((MAX_DEB_MB * 1000000)) ] || fail ".deb is larger than $MAX_DEB_MB MB"

# ---------------------------------------------------------------------------------------------------
say "tools for the window check"
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
[ -x /usr/bin/import ] && [ -x /usr/bin/convert ] || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v xwd >/dev/null || need+=(x11-apps)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
lap "tools (${#need[@]} packages installed)"

# ---------------------------------------------------------------------------------------------------
say "install"
if dpkg -s "$PKG" >/dev/null 2>&1; then
  echo "$PKG is already installed: removing it first"
  $SUDO dpkg -r "$PKG" >/dev/null
fi
INSTALLED_BY_US=1
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$DEB" >"$WORK/apt.log" 2>&1; then
  cat "$WORK/apt.log" >&2
  echo "apt-get install failed: trying dpkg -i and apt-get -f install" >&2
  $SUDO dpkg -i "$DEB" || DEBIAN_FRONTEND=noninteractive $SUDO apt-get -f install -y -qq
fi
status() { dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null || true; }
[ "$(status)" = "install ok installed" ] || fail "$PKG is not installed"
lap "install (apt-get install ./deb)"

# ---------------------------------------------------------------------------------------------------
say "command line"
hash -r
[ "$(command -v flashsplat)" = /usr/bin/flashsplat ] || fail "flashsplat is not /usr/bin/flashsplat on PATH"
echo "/usr/bin/flashsplat -> $(readlink /usr/bin/flashsplat)"
got=$(cd "$WORK" && flashsplat --version)
echo "flashsplat --version: $got"
[ "$got" = "flashsplat $VERSION" ] || fail "--version said '$got', expected 'flashsplat $VERSION'"
lap "flashsplat --version"

# From an empty folder, so the sample must come from the installation, not from the checkout.
mkdir -p "$WORK/run"
(cd "$WORK/run" && flashsplat segment --out "$WORK/out") 2>&1 | tee "$WORK/segment.log" ||
  fail "flashsplat segment failed"
grep -q "bundled sample: /opt/$PKG/" "$WORK/segment.log" || fail "segment did not use the installed sample"
for f in segments.npy labels.npy summary.json; do
  [ -s "$WORK/out/$f" ] || fail "segment did not write $f"
done
echo "segment wrote: $(cd "$WORK/out" && ls | tr '\n' ' ')"
lap "flashsplat segment (bundled sample)"

# ---------------------------------------------------------------------------------------------------
say "menu entry and studio window"
DESKTOP=""
for dir in /usr/share/applications /usr/local/share/applications; do
  [ -f "$dir/$PKG-$PKG.desktop" ] && DESKTOP="$dir/$PKG-$PKG.desktop"
done
[ -n "$DESKTOP" ] || fail "the menu entry $PKG-$PKG.desktop was not installed"
echo "menu entry: $DESKTOP"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$DESKTOP"; fi
EXEC=$(sed -n 's/^Exec=//p' "$DESKTOP" | sed 's/ %[fFuU]//g')
echo "menu entry runs: $EXEC"

DISP=99
while [ -e "/tmp/.X$DISP-lock" ] || [ -e "/tmp/.X11-unix/X$DISP" ]; do DISP=$((DISP + 1)); done
Xvfb ":$DISP" -screen 0 1600x1000x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 50); do
  DISPLAY=":$DISP" xwininfo -root >/dev/null 2>&1 && break
  sleep 0.2
done
# shellcheck disable=SC2086 # the Exec line is a command with arguments
(cd "$WORK/run" && DISPLAY=":$DISP" exec $EXEC) >"$WORK/studio.log" 2>&1 &
APP_PID=$!
T_WIN=$EPOCHREALTIME
found=""
for _ in $(seq 1 240); do
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/studio.log" >&2; fail "the studio exited early"; }
  if DISPLAY=":$DISP" xwininfo -root -tree 2>/dev/null | grep -q '"FlashSplat Studio"'; then
    found=1
    break
  fi
  sleep 0.5
done
[ -n "$found" ] || { cat "$WORK/studio.log" >&2; fail "no FlashSplat Studio window within 120 s"; }
WIN_S=$(awk -v a="$T_WIN" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
echo "window up after $WIN_S s"
sleep 3 # let it paint
mkdir -p "$(dirname "$SHOT")"
DISPLAY=":$DISP" /usr/bin/import -window root "$SHOT"
colours=$(/usr/bin/convert "$SHOT" -format '%k' info:)
echo "screenshot: $SHOT ($colours colours)"
[ "$colours" -gt 2 ] || fail "the screenshot is blank"
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PID=""
kill "$XVFB_PID" 2>/dev/null || true
wait "$XVFB_PID" 2>/dev/null || true
XVFB_PID=""
if grep -E 'WARNING|Exception' "$WORK/studio.log" >/dev/null; then
  echo "studio log:"
  sed 's/^/  /' "$WORK/studio.log"
fi
lap "studio under Xvfb + screenshot"

# ---------------------------------------------------------------------------------------------------
if [ "${KEEP_INSTALLED:-}" = 1 ]; then
  say "left installed (KEEP_INSTALLED=1)"
else
  say "uninstall"
  FILES=$(dpkg -L "$PKG")
  $SUDO dpkg -r "$PKG"
  INSTALLED_BY_US=""
  case "$(status)" in install*) fail "$PKG is still installed" ;; esac
  left=""
  while IFS= read -r f; do
    [ -n "$f" ] && [ "$f" != / ] && [ "$f" != /. ] || continue
    case "$f" in /opt | /usr | /usr/bin | /usr/share | /usr/share/*/) continue ;; esac
    if [ -e "$f" ] && ! [ -d "$f" ]; then left+="$f "; fi
  done <<<"$FILES"
  [ -z "$left" ] || fail "files left after dpkg -r: $left"
  for f in /opt/$PKG /usr/bin/flashsplat "$DESKTOP"; do
    [ ! -e "$f" ] && [ ! -L "$f" ] || fail "$f is left after dpkg -r"
  done
  echo "removed: /opt/$PKG, /usr/bin/flashsplat and the menu entry are gone"
  $SUDO dpkg --purge "$PKG" >/dev/null 2>&1 # forget the package record too (dpkg -r keeps it)
  lap "uninstall (dpkg -r) + checks"
fi

# ---------------------------------------------------------------------------------------------------
say "installer check passed"
printf '  %-34s %7s\n' ".deb" "$(awk -v b="$DEB_BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
printf '  %-34s %7s\n' "installed size" "$(dpkg-deb -f "$DEB" Installed-Size) KiB"
printf '  %-34s %7s s\n' "studio window after" "$WIN_S"
printf '%s\n' "${TIMES[@]}"
awk -v a="$T_START" -v b="$EPOCHREALTIME" 'BEGIN { printf "  %-34s %7.1f s\n", "total", b - a }'
