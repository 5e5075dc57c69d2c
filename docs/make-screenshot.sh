#!/usr/bin/env bash
# Renders the real studio window under Xvfb with the sample segmented and writes docs/screenshot.png.
# Needs: apt-get install -y --no-install-recommends xvfb libgtk-3-0 imagemagick x11-apps
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 && export PATH=$JAVA_HOME/bin:$PATH
OUT=${1:-docs/screenshot.png}
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/cp-runtime.txt -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:target/test-classes:$(cat target/cp-runtime.txt):$(ls ~/.m2/repository/org/openjfx/javafx-swing/*/javafx-swing-*-linux.jar | head -1)"
DISPLAY_NUM=:${XVFB_DISPLAY:-97}
Xvfb "$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp &
XVFB=$!
trap 'kill $XVFB' EXIT
sleep 1
DISPLAY=$DISPLAY_NUM timeout ${SHOT_TIMEOUT:-60} java --enable-native-access=ALL-UNNAMED -cp "$CP" \
    org.flashsplat.studio.ScreenshotScenario\$Main "$OUT" "${@:2}"
echo "screenshot: $OUT"
