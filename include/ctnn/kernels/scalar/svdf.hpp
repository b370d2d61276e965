// ctnn/kernels/scalar/svdf.hpp — reference SVDF, full integer, stateful.
//
// The specification: TFLite Micro's integer SVDF (EvalIntegerSvdfReference),
// whose int16-state form is TFLite's reference_ops::EvalIntegerSVDF. With
// S = state type (int8 or int16, the type of weights_time), zs its zero point
// (0 for int16), per batch b and invoke:
//
//   1. shift: every filter's window moves one step left (state[f, m] =
//      state[f, m + 1]); the newest column memory-1 is overwritten in 2.
//   2. feature: state[f, memory-1] =
//        clamp_S(zs + requantize(sum_c wf[f, c] * (x[b, c] - input_zero_point), feature_requant))
//      (the zero point is added before the clamp, as TFLite Micro does).
//   3. time and rank reduction, per unit u:
//        acc = bias[u] + sum_{r < rank} sum_m wt[f, m] * (state[f, m] - zs),  f = u * rank + r
//   4. y[b, u] = clamp_int8(requantize(acc, time_requant) + output_zero_point)
//
// Requantization is TFLite's MultiplyByQuantizedMultiplier (double rounding).
// Only the int8 clamp is applied to the output, like both reference kernels
// (TFLite requires a fused RELU and does not apply it).
//
// The interpreter (ai-edge-litert BUILTIN_REF) runs only the int16-state form
// correctly: given an int8 state and int8 weights_time it reads both as int16,
// past the end of their buffers. ctnn computes the int8 form as TFLite Micro
// does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/ops/svdf.hpp"

namespace ctnn {

template <>
struct kernel<isa::scalar, svdf_tag> {
    /// Puts the state back to its initial value: every element its zero point.
    template <class L>
    static void reset(void* state) noexcept {
        using S = typename L::state_value;
        auto* s = static_cast<S*>(state);
        for (std::size_t i = 0; i < L::state_elements; ++i) s[i] = static_cast<S>(L::state_q.zero_point);
    }

    template <class L>
    static void run(const void* const* inputs, void* output, void* /*scratch*/, void* state) noexcept {
        using S = typename L::state_value;
        const auto* x = static_cast<const std::int8_t*>(inputs[0]);
        auto* y = static_cast<std::int8_t*>(output);
        auto* st = static_cast<S*>(state);
        constexpr std::int32_t input_offset = -L::input::q.zero_point;
        constexpr std::int32_t output_offset = L::output::q.zero_point;
        constexpr std::int32_t state_zero = L::state_q.zero_point;
        constexpr std::int32_t state_min = std::numeric_limits<S>::min();
        constexpr std::int32_t state_max = std::numeric_limits<S>::max();
        constexpr int memory = L::memory;
        constexpr std::size_t batch_state = static_cast<std::size_t>(L::filters) * static_cast<std::size_t>(memory);

        for (int b = 0; b < L::batches; ++b) {
            S* sb = st + static_cast<std::size_t>(b) * batch_state;
            const std::int8_t* xb = x + b * L::input_size;

            // 1. Shift every window one step left (the last column is rewritten below).
            for (std::size_t i = 0; i + 1 < batch_state; ++i) sb[i] = sb[i + 1];

            // 2. Feature stage: the newest column of every filter.
            for (int f = 0; f < L::filters; ++f) {
                const std::int8_t* w = std::data(L::weights_feature) + f * L::input_size;
                std::int32_t acc = 0;
                for (int c = 0; c < L::input_size; ++c)
                    acc += static_cast<std::int32_t>(w[c]) * (static_cast<std::int32_t>(xb[c]) + input_offset);
                acc = fixed_point::multiply_by_quantized_multiplier(acc, L::feature_requant) + state_zero;
                sb[f * memory + memory - 1] = static_cast<S>(fixed_point::clamp(acc, state_min, state_max));
            }

            // 3-4. Time stage, reduction over rank, bias, output requantization.
            for (int u = 0; u < L::units; ++u) {
                std::int32_t acc = 0;
                if constexpr (L::has_bias) acc = std::data(L::bias)[u];
                for (int r = 0; r < L::rank; ++r) {
                    const int f = u * L::rank + r;
                    const S* wt = std::data(L::weights_time) + f * memory;
                    const S* sf = sb + f * memory;
                    std::int32_t dot = 0;
                    for (int m = 0; m < memory; ++m)
                        dot += static_cast<std::int32_t>(wt[m]) * (static_cast<std::int32_t>(sf[m]) - state_zero);
                    acc += dot;
                }
                acc = fixed_point::multiply_by_quantized_multiplier(acc, L::time_requant) + output_offset;
                y[b * L::units + u] = static_cast<std::int8_t>(fixed_point::clamp(acc, -128, 127));
            }
        }
    }
};

}  // namespace ctnn
