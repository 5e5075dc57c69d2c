#!/usr/bin/env bash
# Builds .gpu/ (git-ignored): everything a GPU host without Java needs to run the gpu-tagged tests
# and the truck-like benchmark in one call of the device tool (carry: [".gpu"], < 64 MiB):
#   .gpu/jre/             jlinked JRE (java.base, java.logging, java.management, jdk.unsupported,
#                         jdk.incubator.vector)
#   .gpu/app/             the thin jar and the compiled tests
#   .gpu/lib/             runtime + test libraries, no JavaFX; JCuda natives cut to the driver API
#   .gpu/run-gpu-tests.sh cuda/run-gpu-tests.sh: the whole GPU verification, or --dry (bundle only)
# Usage: cuda/build-gpu-bundle.sh   (run from anywhere; needs JDK 25, Maven and nvcc)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
jdk="${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
export PATH="$jdk/bin:$PATH"
out="$root/.gpu"
junit_console="org.junit.platform:junit-platform-console-standalone:${JUNIT_PLATFORM:-1.13.4}"

# Thin jar, target/lib and compiled tests; the cuda-kernels profile puts the fatbin in the jar.
mvn -q -B -o -DskipTests package
listing="$(unzip -l target/flashsplat.jar)"
if [[ "$listing" != *org/flashsplat/raster/cuda/flashsplat.fatbin* ]]; then
    echo "target/flashsplat.jar has no CUDA kernels: is nvcc at /usr/local/bin/nvcc?" >&2
    exit 1
fi

rm -rf "$out"
mkdir -p "$out/app" "$out/lib"
cp target/flashsplat.jar "$out/app/"
# tests without their resources: the run script reads src/test/resources in the repository; no
# SAM tests (ONNX Runtime, 72 MB, would not fit the 64 MiB carry, and no GPU test needs it)
(cd target/test-classes && find . -name '*.class' -not -path './org/flashsplat/sam/*' | tar cf - -T -) | (cd "$out/app" && mkdir test-classes && cd test-classes && tar xf -)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mvn -q -B -o dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$tmp/deps"
mvn -q -B -o dependency:copy -Dartifact="$junit_console" -DoutputDirectory="$tmp/console" \
    || mvn -q -B dependency:copy -Dartifact="$junit_console" -DoutputDirectory="$tmp/console"
cp "$tmp"/console/*.jar "$out/lib/junit-platform-console-standalone.jar"
for jar in "$tmp"/deps/*.jar; do
    case "$(basename "$jar")" in
        javafx-* | controlsfx-* | testfx-* | openjfx-monocle-* | archunit* | junit-* | \
            opentest4j-* | apiguardian-* | hamcrest-* | jcuda-natives-* | byte-buddy-* | \
            org.osgi.* | slf4j-* | onnxruntime-*) ;;
        *) cp "$jar" "$out/lib/" ;;
    esac
done
# JCuda natives: only the driver API library (the jar also carries NVRTC/PTX compiler bindings)
natives="$(ls "$tmp"/deps/jcuda-natives-*-linux-x86_64.jar)"
mkdir -p "$tmp/natives"
(cd "$tmp/natives" && unzip -q "$natives" 'lib/libJCudaDriver-*' 'META-INF/MANIFEST.MF')
jar --create --file "$out/lib/$(basename "$natives")" --manifest "$tmp/natives/META-INF/MANIFEST.MF" \
    -C "$tmp/natives" lib

# no java.desktop (ImageIO): 15 MB more than the 64 MiB carry allows; the GPU tests read PNGs
# without it
jlink --add-modules java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector \
    --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output "$out/jre"

cp cuda/run-gpu-tests.sh "$out/run-gpu-tests.sh"
chmod +x "$out/run-gpu-tests.sh"
du -sh "$out"
