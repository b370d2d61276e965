// ctnn/kernels/scalar/quantize.hpp — reference QUANTIZE.
//
// The specification: TFLite's reference_ops::AffineQuantize (float input)
// and reference_ops::Requantize (integer input), see ops/quantize.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/quantize.hpp"

namespace ctnn {

namespace scalar_bits {
/// std::round for a float, as a float (no integer conversion, so no
/// overflow): halves away from zero. Floats of magnitude >= 2^23 are already
/// integers.
inline float round_half_away_float(float x) noexcept {
    constexpr float two_pow_23 = 8388608.0f;
    if (!(x > -two_pow_23 && x < two_pow_23)) return x;  // integral, infinite or NaN
    const auto truncated = static_cast<float>(static_cast<std::int32_t>(x));
    const float fraction = x - truncated;
    if (fraction >= 0.5f) return truncated + 1.0f;
    if (fraction <= -0.5f) return truncated - 1.0f;
    return truncated;
}
}  // namespace scalar_bits

template <>
struct kernel<isa::scalar, quantize_tag> {
    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/) noexcept {
        using in_t = typename L::in_type;
        using out_t = typename L::output::value_type;
        constexpr std::int32_t lo = std::numeric_limits<out_t>::min();
        constexpr std::int32_t hi = std::numeric_limits<out_t>::max();
        constexpr std::int32_t out_zp = L::output::q.zero_point;
        const auto* x = static_cast<const in_t*>(inputs[0]);
        auto* y = static_cast<out_t*>(output);
        for (std::size_t i = 0; i < L::output::elements; ++i) {
            if constexpr (L::from_float) {
                // TFLite: round(x / scale) in float, + zero point and the clamp in double.
                const float rounded = scalar_bits::round_half_away_float(x[i] / L::output::q.scale());
                if (rounded != rounded) {  // NaN: TFLite's final cast is undefined; x86 yields 0
                    y[i] = 0;
                    continue;
                }
                double v = static_cast<double>(rounded) + static_cast<double>(out_zp);
                v = v < static_cast<double>(lo) ? static_cast<double>(lo) : v;
                v = v > static_cast<double>(hi) ? static_cast<double>(hi) : v;
                y[i] = static_cast<out_t>(v);
            } else {
                constexpr std::int32_t in_zp = L::input::q.zero_point;
                const std::int32_t v = fixed_point::multiply_by_quantized_multiplier(
                                           static_cast<std::int32_t>(x[i]) - in_zp, L::multiplier) +
                                       out_zp;
                y[i] = static_cast<out_t>(fixed_point::clamp(v, lo, hi));
            }
        }
    }
};

}  // namespace ctnn
