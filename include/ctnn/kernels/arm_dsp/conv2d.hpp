// ctnn/kernels/arm_dsp/conv2d.hpp — CONV_2D with the Arm DSP extension (SMLAD, SXTB16).
//
// Same arithmetic as kernels/scalar/conv2d.hpp (the specification), bit for bit. Variants,
// chosen at compile time from the layer's shapes:
//   - 1x1, stride 1, one group: a GEMM over pixels; 3 pixels x 2 output channels per tile,
//     the pixels' channels widened once to int16 (bits/patch_gemm.hpp);
//   - any other kernel/stride/padding/dilation with one group: the same tiles over per-pixel
//     patches gathered into a small stack buffer (no image-sized im2col), padded taps zero;
//   - grouped convolutions, and patches over 4 KiB (depth > 2048): the scalar kernel.
// Channel counts that are not multiples of 4 (depth tails) and odd output channel counts are
// handled inside the tiles.
//
// Visible only when the target has the DSP extension (__ARM_FEATURE_DSP) and is little-endian;
// elsewhere kernel<isa::arm_dsp, conv2d_tag> falls back to the scalar kernel (kernels/isa.hpp).
#pragma once

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/ops/conv2d.hpp"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)

#include <cstdint>
#include <iterator>

#include "ctnn/kernels/arm_dsp/bits/patch_gemm.hpp"

namespace ctnn {

template <>
struct kernel<isa::arm_dsp, conv2d_tag> {
    /// Whether the DSP tiles run layer L (otherwise the scalar kernel does).
    template <class L>
    static constexpr bool specialized = L::groups == 1 && arm_dsp::patch_gemm<L, L::filter_in_c>::buffer_bytes <= 4096;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            arm_dsp::patch_gemm<L, L::filter_in_c>::run(static_cast<const std::int8_t*>(inputs[0]),
                                                        static_cast<std::int8_t*>(output));
        } else {
            kernel<isa::scalar, conv2d_tag>::run<L>(inputs, output, scratch);
        }
    }
};

}  // namespace ctnn

#endif
