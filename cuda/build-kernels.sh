#!/usr/bin/env bash
# Builds the kernel fatbin (run by the Maven profile "cuda-kernels" in generate-resources).
# Usage: build-kernels.sh NVCC OUTPUT_DIR
# SASS for sm_75..sm_90 plus compute_90 PTX so newer GPUs can JIT it. -fmad=false keeps float
# rounding identical to the Java CPU reference (see cuda/README.md).
#
# A fatbin from toolkit X.Y needs a driver of CUDA X.0 or newer, and most users still run CUDA 12
# drivers. So a second image goes beside it: PTX for compute_75 declared as PTX ISA 8.0 (CUDA 12.0),
# which any 12.x driver JIT-compiles for its GPU (CudaProbe picks it when the driver is older than
# the toolkit). nvcc cannot target an older ISA, so the PTX it writes is relabelled, and ptxas
# then proves the relabelled file valid: it rejects any instruction or directive that ISA 8.0 lacks.
# The only one nvcc 13 emits is the load hint `.pragma "used_bytes_mask"`, which is dropped (a hint,
# no effect on results). The arithmetic is the fatbin's: -fmad=false writes explicit .rn operations
# that the JIT may not contract.
set -euo pipefail
nvcc="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
# Skip the ~5 s compile when nothing changed since the last build.
if [[ -f "$out/flashsplat.fatbin" && -f "$out/flashsplat-compat.ptx" && -z "$(find "$here" \( -name '*.cu*' -o -name build-kernels.sh \) -newer "$out/flashsplat.fatbin")" ]]; then
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
compat_isa=8.0     # the PTX ISA of CUDA 12.0
compat_driver=12.0
"$nvcc" -ptx -O3 -fmad=false -std=c++17 -arch=compute_75 -o "$out/compat.ptx.tmp" "$here/flashsplat.cu"
isa="$(sed -n 's/^\.version \([0-9][0-9.]*\)$/\1/p' "$out/compat.ptx.tmp" | head -1)"
if [[ -z "$isa" ]]; then echo "build-kernels.sh: no .version in the PTX" >&2; exit 1; fi
if [[ "$(printf '%s\n%s\n' "$isa" "$compat_isa" | sort -V | tail -1)" != "$compat_isa" ]]; then
    sed -i -e "s/^\.version $isa\$/.version $compat_isa/" \
        -e '/^[[:space:]]*\.pragma "used_bytes_mask [0-9]*";$/d' "$out/compat.ptx.tmp"
fi
ptxas="$(dirname "$(readlink -f "$nvcc")")/ptxas"
[[ -x "$ptxas" ]] || ptxas="$(command -v ptxas)"
"$ptxas" -arch=sm_75 -o /dev/null "$out/compat.ptx.tmp"
mv "$out/compat.ptx.tmp" "$out/flashsplat-compat.ptx"
mv "$out/flashsplat.fatbin.tmp" "$out/flashsplat.fatbin"
# The CUDA version the kernels need from the driver (a fatbin from toolkit X.Y needs driver >= X.0).
version="$("$nvcc" --version | sed -n 's/.*release \([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' | head -1)"
{
    printf 'cuda.toolkit=%s\n' "$version"
    printf '# flashsplat-compat.ptx: PTX ISA %s, which drivers of CUDA %s and newer JIT-compile\n' \
        "$compat_isa" "$compat_driver"
    printf 'cuda.compat.driver=%s\n' "$compat_driver"
} > "$out/kernels.properties"
