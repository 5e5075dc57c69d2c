#!/bin/bash
# Runs the CPU benchmarks of docs/PERFORMANCE.md (issue 14) for two or more builds, alternating, so that
# their figures come from one run and compare as ratios. Each argument is a folder holding a build's
# flashsplat.jar and lib/ (copy target/flashsplat.jar and target/lib aside per commit). The last one
# also runs the per-pair limit (BlendBench) and the preview benchmark. Run it on a quiet machine.
#   docs/bench-compare.sh /tmp/base /tmp/now      (ROUNDS=4 for four alternating rounds of bench-1m)
set -u
[ $# -ge 2 ] || { echo "usage: $0 BUILD_DIR BUILD_DIR..." >&2; exit 2; }
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
load() { cut -d' ' -f1 /proc/loadavg; }
last=${!#}
echo "machine: $(nproc) vCPU,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(date -u)"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for b in "$@"; do
    echo "== bench-1m round $round $b $(date -u +%H:%M:%S) load $(load)"
    "$JAVA" -Xmx8g -jar "$b/flashsplat.jar" bench --preset bench-1m --backend cpu 2>&1 | grep -E "^backend|^accum|^start|^pairs"
  done
done
for b in "$@"; do
  echo "== truck-like 24 views $b $(date -u +%H:%M:%S) load $(load)"
  "$JAVA" -Xmx12g -jar "$b/flashsplat.jar" bench --preset truck-like --views 24 --backend cpu 2>&1 | grep -E "^accum|^pairs"
done
for t in 1 2; do
  for b in "$@"; do
    echo "== $t thread(s) $b $(date -u +%H:%M:%S) load $(load)"
    "$JAVA" -Xmx8g -XX:ActiveProcessorCount=$t -jar "$b/flashsplat.jar" bench --preset bench-1m --views 8 --backend cpu 2>&1 | grep -E "^accum"
  done
done
echo "== BlendBench $last $(date -u +%H:%M:%S) load $(load)"
"$JAVA" -Xmx8g --add-modules jdk.incubator.vector -cp "$last/flashsplat.jar:$last/lib/*" org.flashsplat.raster.cpu.BlendBench bench-1m 4 2>&1 | grep -v WARN
for g in 1000000 3000000; do
  echo "== preview $g $last $(date -u +%H:%M:%S) load $(load)"
  "$JAVA" -Xmx12g -jar "$last/flashsplat.jar" bench --preview --preset bench-1m --gaussians $g 2>&1 | grep -E "^first|^moving|^at rest|^load"
done
