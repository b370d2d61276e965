// ctnn/kernels/arm_dsp/add.hpp — ADD with the Arm DSP extension: inputs of the same shape
// (no broadcasting) run bits/add_sub.hpp, bit for bit the scalar kernel; the rest run scalar.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/add.hpp"
#include "ctnn/ops/add.hpp"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include "ctnn/kernels/arm_dsp/bits/add_sub.hpp"

namespace ctnn {

template <>
struct kernel<isa::arm_dsp, add_tag> : arm_dsp::add_sub_kernel<add_tag, +1> {};

}  // namespace ctnn

#endif
