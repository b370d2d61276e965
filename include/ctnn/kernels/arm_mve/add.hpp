// ctnn/kernels/arm_mve/add.hpp — ADD with Helium: inputs of the same shape (no broadcasting)
// run bits/add_sub.hpp, 4 lanes, bit for bit the scalar kernel; the rest run arm_dsp's kernel.
#pragma once

#include "ctnn/kernels/arm_dsp/add.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/add.hpp"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)

#include "ctnn/kernels/arm_mve/bits/add_sub.hpp"

namespace ctnn {

template <>
struct kernel<isa::arm_mve, add_tag> : arm_mve::add_sub_kernel<add_tag, +1> {};

}  // namespace ctnn

#endif
