// ctnn/ops/svdf.hpp — SVDF (singular value decomposition filter), full integer.
//
// A stateful layer: a fully connected "feature" stage whose results are kept,
// per filter, in a sliding window of the last `memory` steps (the state), and a
// "time" stage that filters that window. With F = units * rank filters:
//
//   state    [batches, F * memory] of int8 or int16 (the type of weights_time),
//            kept across invoke()s outside the arena (`state_bytes`), reset to
//            its zero point (TFLite's ResetVariableTensors);
//   features int8 [F, input_size], symmetric, one scale;
//   time     int8 or int16 [F, memory], symmetric, one scale;
//   bias     int32 [units] or ctnn::none.
//
// Requantization constants follow TFLite's and TFLite Micro's Prepare: the
// effective scales are products of the float scales computed in *float*
// (in * feature / state, state * time / out), then QuantizeMultiplier in
// double.
//
// Input [batches, input_size], output int8 [batches, units]. The integer
// reference kernels clamp the output to the int8 range only: the fused
// activation (TFLite requires RELU) is not applied beyond that clamp, and
// ctnn does the same (see kernels/scalar/svdf.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct svdf_tag {};

struct svdf_params {
    int units = 0;
    int rank = 1;
    int memory = 0;
    int input_size = 0;
    activation act = activation::relu;
};

namespace bits {
/// Effective scale a * b / c computed in float, as TFLite's SVDF Prepare does
/// (its operands are float), then widened to double for QuantizeMultiplier.
constexpr double svdf_effective_scale(float a, float b, float c) noexcept {
    const float s = a * b / c;
    return static_cast<double>(s);
}
}  // namespace bits

template <class From, svdf_params P, quant OutQ, const auto& WeightsFeature, const auto& WeightsTime,
          const auto& Bias, quant StateQ, f32 FeatureScale, f32 TimeScale>
struct svdf {
    using sources = From;
    static_assert(From::count == 1, "svdf reads exactly one tensor");

    template <class In>
    struct bind {
        static constexpr svdf_params params = P;
        static constexpr int units = P.units;
        static constexpr int rank = P.rank;
        static constexpr int filters = P.units * P.rank;
        static constexpr int memory = P.memory;
        static constexpr int input_size = P.input_size;

        static_assert(P.units > 0 && P.rank > 0 && P.memory > 0 && P.input_size > 0,
                      "svdf: units, rank, memory and input_size must be positive");
        static_assert(In::elements % static_cast<std::size_t>(P.input_size) == 0,
                      "svdf: input element count must be a multiple of input_size");
        static constexpr int batches = static_cast<int>(In::elements / static_cast<std::size_t>(P.input_size));

        using feature_value = std::remove_cvref_t<decltype(*std::data(WeightsFeature))>;
        using state_value = std::remove_cvref_t<decltype(*std::data(WeightsTime))>;
        static_assert(std::is_same_v<typename In::value_type, std::int8_t>, "svdf: the input must be int8");
        static_assert(std::is_same_v<feature_value, std::int8_t>, "svdf: weights_feature must be int8");
        static_assert(std::is_same_v<state_value, std::int8_t> || std::is_same_v<state_value, std::int16_t>,
                      "svdf: weights_time (and so the state) must be int8 or int16");
        static_assert(std::is_same_v<state_value, std::int8_t> || StateQ.zero_point == 0,
                      "svdf: an int16 state must have zero point 0 (TFLite assumes a symmetric int16 state)");
        static_assert(StateQ.zero_point >= std::numeric_limits<state_value>::min() &&
                          StateQ.zero_point <= std::numeric_limits<state_value>::max(),
                      "svdf: state zero point out of the state type's range");
        static_assert(bits::extent_of(WeightsFeature) ==
                          static_cast<std::size_t>(filters) * static_cast<std::size_t>(P.input_size),
                      "svdf: weights_feature size must be units * rank * input_size");
        static_assert(bits::extent_of(WeightsTime) == static_cast<std::size_t>(filters) * static_cast<std::size_t>(P.memory),
                      "svdf: weights_time size must be units * rank * memory");
        static_assert(bits::extent_of(Bias) == 0 || bits::extent_of(Bias) == static_cast<std::size_t>(P.units),
                      "svdf: bias array size must be units (or ctnn::none)");

        using op_tag = svdf_tag;
        using input = In;
        using output = tensor<shape<batches, P.units>, OutQ>;
        static constexpr std::string_view name = "SVDF";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr const auto& weights_feature = WeightsFeature;
        static constexpr const auto& weights_time = WeightsTime;
        static constexpr const auto& bias = Bias;
        static constexpr bool has_bias = bits::extent_of(Bias) != 0;
        static constexpr quant state_q = StateQ;

        /// input -> state: in * feature / state; state -> output: state * time / out.
        static constexpr requant feature_requant = fixed_point::quantize_multiplier(
            bits::svdf_effective_scale(In::q.scale(), FeatureScale.value(), StateQ.scale()));
        static constexpr requant time_requant = fixed_point::quantize_multiplier(
            bits::svdf_effective_scale(StateQ.scale(), TimeScale.value(), OutQ.scale()));

        /// Elements and bytes of the persistent state: [batches, filters * memory].
        static constexpr std::size_t state_elements = static_cast<std::size_t>(batches) *
                                                      static_cast<std::size_t>(filters) *
                                                      static_cast<std::size_t>(P.memory);
        static constexpr std::size_t state_bytes = state_elements * sizeof(state_value);

        static constexpr std::uint64_t macs =
            static_cast<std::uint64_t>(batches) * static_cast<std::uint64_t>(filters) *
            (static_cast<std::uint64_t>(P.input_size) + static_cast<std::uint64_t>(P.memory));
        static constexpr std::size_t weight_bytes =
            bits::bytes_of(WeightsFeature) + bits::bytes_of(WeightsTime) + bits::bytes_of(Bias) + 2 * sizeof(requant);
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
