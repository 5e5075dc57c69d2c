#!/usr/bin/env bash
# The GPU verification of one device loan (about 10 minutes of commands), copied into .gpu/ by
# cuda/build-gpu-bundle.sh. It builds nothing: the bundle (.gpu/jre, .gpu/app, .gpu/lib) is made on
# the build machine. Run from anywhere; it works in the repository root (golden data is read there).
#
#   .gpu/run-gpu-tests.sh --dry    check the bundle, then exit 0 with "no GPU" where there is none
#   .gpu/run-gpu-tests.sh          bundle check, nvidia-smi, the gpu-tagged tests (golden, CPU/GPU
#                                  bit identity, many labels: ManyLabelsGpuTest), compute-sanitizer
#                                  on one small accumulate, the truck-like benchmark, the
#                                  many-labels benchmark on the GPU (12 views); one report file
#
# The report goes to $OUT/gpu-report.txt where the device tool sets OUT, else .gpu/gpu-report.txt.
# Exit status: 0 all passed (or dry without a GPU), 1 a check failed, 3 no GPU outside dry mode.
set -uo pipefail
gpu="$(cd "$(dirname "$0")" && pwd)"
cd "$gpu/.."
dry=0
[[ "${1:-}" == "--dry" ]] && dry=1
report="${OUT:-$gpu}/gpu-report.txt"
: > "$report"
say() { echo "$@" | tee -a "$report"; }
fail=0

say "== bundle check $(date -u +%FT%TZ)"
java="$gpu/jre/bin/java"
check() { if eval "$2"; then say "ok   $1"; else say "FAIL $1"; fail=1; fi; }
check "jlinked JRE runs" '"$java" -version >/dev/null 2>&1'
check "JRE has jdk.incubator.vector" '"$java" --list-modules 2>/dev/null | grep -q jdk.incubator.vector'
check "jar present" '[[ -f "$gpu/app/flashsplat.jar" ]]'
# zip entry names are stored uncompressed, so no unzip is needed on the GPU host
check "jar holds the CUDA kernels" \
    'grep -qa org/flashsplat/raster/cuda/flashsplat.fatbin "$gpu/app/flashsplat.jar"'
check "jar holds the PTX for CUDA 12 drivers" \
    'grep -qa org/flashsplat/raster/cuda/flashsplat-compat.ptx "$gpu/app/flashsplat.jar"'
check "gpu tests compiled" '[[ -f "$gpu/app/test-classes/org/flashsplat/raster/cuda/CpuGpuAgreementGpuTest.class" ]]'
check "JUnit console launcher" '[[ -f "$gpu/lib/junit-platform-console-standalone.jar" ]]'
check "JCuda driver natives" 'ls "$gpu"/lib/jcuda-natives-*.jar >/dev/null 2>&1'
check "golden data in the repository" '[[ -d src/test/resources ]]'
size_mib=$(( $(du -sk "$gpu" | cut -f1) / 1024 ))
check "bundle under 64 MiB (${size_mib} MiB)" '(( size_mib < 64 ))'

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
    say "no GPU"
    if (( dry )); then exit $fail; fi
    exit 3
fi
if (( dry )); then
    say "dry run: a GPU is present; run without --dry to test it"
    exit $fail
fi

say "== GPU"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | tee -a "$report"
cp="$gpu/app/flashsplat.jar:$gpu/app/test-classes"
for j in "$gpu"/lib/*.jar; do
    [[ "$j" == *junit-platform-console-standalone* ]] || cp="$cp:$j"
done
jvm=("$java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx24g)
junit=("${jvm[@]}" -jar "$gpu/lib/junit-platform-console-standalone.jar" execute
    --class-path "$cp" --details=tree --disable-banner)

say "== gpu-tagged tests (golden, CPU/GPU bit identity, many labels)"
timeout 300 "${junit[@]}" --scan-class-path --include-tag gpu --exclude-tag bench 2>&1 \
    | tee -a "$report" || fail=1

say "== compute-sanitizer on one small accumulate (tabletop, CUDA)"
if command -v compute-sanitizer >/dev/null 2>&1; then
    timeout 120 compute-sanitizer --tool memcheck --error-exitcode 9 "${jvm[@]}" -cp "$cp" \
        org.flashsplat.cli.Main bench --preset tabletop --views 4 --repeat 1 --backend cuda 2>&1 \
        | tail -20 | tee -a "$report" || fail=1
else
    say "compute-sanitizer not installed: skipped"
fi

say "== truck-like benchmark"
timeout 180 "${junit[@]}" --select-class org.flashsplat.raster.cuda.TruckLikeBenchGpuTest \
    --include-tag bench 2>&1 | tee -a "$report" || fail=1
say "== many-labels benchmark on the GPU (3M Gaussians, 250 labels against 9, 12 views)"
# one pass over the views whatever the label count: the 251-label time should be close to the
# 9-label time (ratio), and the grouped sums must equal the 9-label result ("yes, bit for bit"; exit 1 otherwise)
timeout 200 "${jvm[@]}" -cp "$cp" org.flashsplat.cli.Main bench --preset many-labels --views 12 \
    --repeat 1 --backend cuda 2>&1 | tee -a "$report" || fail=1
say "== peak GPU memory is in the benchmarks' output above; end $(date -u +%FT%TZ), status $fail"
exit $fail
