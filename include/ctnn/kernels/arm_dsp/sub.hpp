// ctnn/kernels/arm_dsp/sub.hpp — SUB with the Arm DSP extension: inputs of the same shape
// (no broadcasting) run bits/add_sub.hpp, bit for bit the scalar kernel; the rest run scalar.
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/sub.hpp"
#include "ctnn/ops/sub.hpp"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include "ctnn/kernels/arm_dsp/bits/add_sub.hpp"

namespace ctnn {

template <>
struct kernel<isa::arm_dsp, sub_tag> : arm_dsp::add_sub_kernel<sub_tag, -1> {};

}  // namespace ctnn

#endif
