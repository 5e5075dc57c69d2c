// FlashSplat kernels: one translation unit, built by cuda/build-kernels.sh into a fatbin that the
// JCuda driver API loads with cuModuleLoadData (org.flashsplat.raster.cuda). Entry points are
// extern "C" so their names are stable.
#include "preprocess.cuh"
#include "sort.cuh"
#include "blend.cuh"
