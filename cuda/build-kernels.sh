#!/usr/bin/env bash
# Builds the kernel fatbin (run by the Maven profile "cuda-kernels" in generate-resources).
# Usage: build-kernels.sh NVCC OUTPUT_DIR
# SASS for sm_75..sm_90 plus compute_90 PTX so newer GPUs can JIT it. -fmad=false keeps float
# rounding identical to the Java CPU reference (see cuda/README.md).
set -euo pipefail
nvcc="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
# Skip the ~5 s compile when nothing changed since the last build.
if [[ -f "$out/flashsplat.fatbin" && -z "$(find "$here" \( -name '*.cu*' -o -name build-kernels.sh \) -newer "$out/flashsplat.fatbin")" ]]; then
    exit 0
fi
"$nvcc" -fatbin -O3 -fmad=false -std=c++17 \
    -gencode arch=compute_75,code=sm_75 \
    -gencode arch=compute_80,code=sm_80 \
    -gencode arch=compute_86,code=sm_86 \
    -gencode arch=compute_89,code=sm_89 \
    -gencode arch=compute_90,code=sm_90 \
    -gencode arch=compute_90,code=compute_90 \
    -o "$out/flashsplat.fatbin.tmp" "$here/flashsplat.cu"
mv "$out/flashsplat.fatbin.tmp" "$out/flashsplat.fatbin"
# The CUDA version the kernels need from the driver (a fatbin from toolkit X.Y needs driver >= X.0).
version="$("$nvcc" --version | sed -n 's/.*release \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' | head -1)"
printf 'cuda.toolkit=%s\n' "$version" > "$out/kernels.properties"
