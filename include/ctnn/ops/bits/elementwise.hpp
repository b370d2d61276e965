// ctnn/ops/bits/elementwise.hpp — what ADD, SUB and MUL share: parameters,
// TFLite broadcasting resolved at compile time, and the requantization data
// TFLite's Prepare() computes for them.
//
// Broadcasting (numpy / TFLite rules): shapes are aligned on their last
// dimension, missing leading dimensions count as 1, and each pair of
// dimensions must be equal or contain a 1. The output takes the larger of
// each pair. Any rank works (TFLite's reference kernels stop at 6).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/core/quant.hpp"
#include "ctnn/core/shape.hpp"
#include "ctnn/core/tensor.hpp"

namespace ctnn {

/// Parameters of ADD, SUB and MUL: the fused activation.
struct elementwise_params {
    activation act = activation::none;
};

namespace bits {

/// The broadcast of shapes A and B, and how each input is indexed from the
/// output: strides are in elements of that input, 0 along a broadcast
/// (size-1 or missing) dimension.
template <class A, class B>
struct broadcast;

template <int... DA, int... DB>
struct broadcast<shape<DA...>, shape<DB...>> {
    static constexpr std::size_t rank = sizeof...(DA) > sizeof...(DB) ? sizeof...(DA) : sizeof...(DB);

private:
    // Right-aligned dimensions, missing leading ones as 1.
    template <std::size_t N>
    static constexpr std::array<int, rank> aligned(std::array<int, N> d) noexcept {
        std::array<int, rank> r{};
        for (std::size_t i = 0; i < rank; ++i) r[i] = i < rank - N ? 1 : d[i - (rank - N)];
        return r;
    }
    static constexpr std::array<std::size_t, rank> strides_of(std::array<int, rank> d) noexcept {
        std::array<std::size_t, rank> s{};
        std::size_t step = 1;
        for (std::size_t i = rank; i-- > 0;) {
            s[i] = d[i] == 1 ? 0 : step;
            step *= static_cast<std::size_t>(d[i]);
        }
        return s;
    }

public:
    static constexpr std::array<int, rank> a_dims = aligned<sizeof...(DA)>({DA...});
    static constexpr std::array<int, rank> b_dims = aligned<sizeof...(DB)>({DB...});

    /// Index of the first dimension pair that cannot broadcast, or -1.
    static constexpr int mismatch = [] {
        for (std::size_t i = 0; i < rank; ++i)
            if (a_dims[i] != b_dims[i] && a_dims[i] != 1 && b_dims[i] != 1) return static_cast<int>(i);
        return -1;
    }();
    static constexpr bool compatible = mismatch < 0;

    static constexpr std::array<int, rank> dims = [] {
        std::array<int, rank> d{};
        for (std::size_t i = 0; i < rank; ++i) d[i] = a_dims[i] > b_dims[i] ? a_dims[i] : b_dims[i];
        return d;
    }();
    using type = shape_from_array<dims>;

    static constexpr std::array<std::size_t, rank> a_strides = strides_of(a_dims);
    static constexpr std::array<std::size_t, rank> b_strides = strides_of(b_dims);
};

// Diagnostic: names the error and carries the numbers (do not define).
template <int Axis, int DimA, int DimB>
struct shapes_do_not_broadcast_at_axis;

/// Complete (int) when Bc broadcasts; otherwise the undefined diagnostic
/// above, whose sizeof fails with the axis and both sizes in the message.
template <class Bc, bool Ok = Bc::compatible>
struct broadcast_diagnostic {
    using type = int;
};
template <class Bc>
struct broadcast_diagnostic<Bc, false> {
    static constexpr auto axis = static_cast<std::size_t>(Bc::mismatch);
    using type = shapes_do_not_broadcast_at_axis<Bc::mismatch, Bc::a_dims[axis], Bc::b_dims[axis]>;
};

/// The shape-level description of a binary element-wise layer reading
/// tensors A and B: output shape, loop form, in-place-ability. Broadcast
/// information is only used by the kernels when `broadcasting` is true.
template <class A, class B>
struct binary_elementwise_shape {
    using bc = broadcast<typename A::shape_type, typename B::shape_type>;
    static_assert(sizeof(typename broadcast_diagnostic<bc>::type) > 0);  // names the axis and sizes
    static_assert(bc::compatible,
                  "ctnn: element-wise op inputs must broadcast (each dimension pair equal, or one of them 1)");

    using output_shape = typename bc::type;
    static constexpr std::size_t elements = output_shape::elements;

    /// False when both inputs already have the output's element count: then
    /// element i of the output reads element i of each input (a flat loop).
    static constexpr bool broadcasting = !(A::elements == elements && B::elements == elements);
    static constexpr std::size_t rank = bc::rank;
    static constexpr std::array<int, bc::rank> out_dims = bc::dims;
    static constexpr std::array<std::size_t, bc::rank> a_strides = bc::a_strides;
    static constexpr std::array<std::size_t, bc::rank> b_strides = bc::b_strides;

    /// The output may overwrite input 0 when input 0 is not broadcast: then
    /// output element i is written after input 0's element i is read, and
    /// never before.
    static constexpr bool in_place = A::elements == elements;
};

/// TFLite's QuantizeMultiplier for a real multiplier of either sign (LEAKY_RELU
/// with a negative alpha): frexp keeps the sign in the fraction, so the
/// fixed-point multiplier is negative. A multiplier rounding to -2^31 stays
/// there (it fits int32), unlike the positive case which halves.
constexpr requant quantize_multiplier_signed(double real_multiplier) noexcept {
    if (real_multiplier >= 0.0) return fixed_point::quantize_multiplier(real_multiplier);
    auto [q, shift] = fixed_point::frexp_positive(-real_multiplier);
    std::int64_t q_fixed = -fixed_point::round_half_away(q * static_cast<double>(std::int64_t{1} << 31));
    if (shift < -31) {
        shift = 0;
        q_fixed = 0;
    }
    if (shift > 30) {
        shift = 30;
        q_fixed = -((std::int64_t{1} << 31) - 1);
    }
    return {static_cast<std::int32_t>(q_fixed), shift};
}

/// The requantization data of TFLite's int8 ADD and SUB (Prepare() in
/// add.cc / sub.cc): both inputs are shifted left by 20 bits, scaled to
/// twice the larger input scale, summed, then scaled to the output.
struct add_sub_requant {
    static constexpr int left_shift = 20;
    requant input1;
    requant input2;
    requant output;
    double real_input1;
    double real_input2;
    double real_output;
};

constexpr add_sub_requant make_add_sub_requant(quant in1, quant in2, quant out) noexcept {
    // TFLite: `2 * std::max(float, float)` is a float (exact), then a double.
    const float larger = in1.scale() > in2.scale() ? in1.scale() : in2.scale();
    const double twice_max_input_scale = static_cast<double>(2.0f * larger);
    add_sub_requant r{};
    r.real_input1 = static_cast<double>(in1.scale()) / twice_max_input_scale;
    r.real_input2 = static_cast<double>(in2.scale()) / twice_max_input_scale;
    // TFLite: `(1 << left_shift) * output_scale` is an int times a float: float.
    const float shifted_output_scale = static_cast<float>(1 << add_sub_requant::left_shift) * out.scale();
    r.real_output = twice_max_input_scale / static_cast<double>(shifted_output_scale);
    r.input1 = fixed_point::quantize_multiplier(r.real_input1);
    r.input2 = fixed_point::quantize_multiplier(r.real_input2);
    r.output = fixed_point::quantize_multiplier(r.real_output);
    return r;
}

/// TFLite's MUL multiplier: `input1_scale * input2_scale / output_scale`,
/// evaluated in float (all three are floats), then widened to double.
constexpr requant make_mul_requant(quant in1, quant in2, quant out) noexcept {
    const float real = in1.scale() * in2.scale() / out.scale();
    return fixed_point::quantize_multiplier(static_cast<double>(real));
}

/// Whether every tensor in the pack is int8 (the element-wise ops' int8 path).
template <class... Ts>
inline constexpr bool all_int8 = (std::is_same_v<typename Ts::value_type, std::int8_t> && ...);

}  // namespace bits
}  // namespace ctnn
