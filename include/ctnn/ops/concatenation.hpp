// ctnn/ops/concatenation.hpp — CONCATENATION of any number of tensors.
//
// Inputs: tensors of one element type and one rank, equal in every dimension
// but `axis` (non-negative, < rank); output: the same dimensions with `axis`
// the sum of the inputs'. Memory is row-major (last dimension fastest), so
// the output is, for each of the `outer` index prefixes before `axis`, input
// 0's block, then input 1's, ... each block `dim(axis) * inner` elements.
//
// Quantization: TFLite's int8 kernel requires every input to share the
// output's scale and zero point (the converter arranges it) and then copies
// bytes. An int8 input whose quantization differs is requantized here as
// TFLite's reference ConcatenationWithScaling does (its uint8 path), in float:
//   scale = s_in * (1 / s_out),  bias = -zp_in * scale
//   q_out = clamp(round(q_in * scale + bias) + zp_out, -128, 127)
// precomputed for all 256 input bytes (256 flash bytes per such input).
// The fused activation is accepted and ignored, like TFLite's kernel does.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct concatenation_tag {};

struct concatenation_params {
    int axis = 0;
    activation act = activation::none;
};

namespace bits {
template <class... In>
struct concatenation_shape {
    using first = std::tuple_element_t<0, std::tuple<In...>>;
    static constexpr int rank = first::shape_type::rank;
    static constexpr std::size_t count = sizeof...(In);
    static constexpr bool same_rank = ((In::shape_type::rank == rank) && ...);
};

// Diagnostics: name the error, carry the numbers (do not define).
template <int Input, int Dimension, int Size, int ExpectedSize>
struct concatenation_input_dimension_differs_from_input_0;

template <class... In>
constexpr std::array<int, 16> concat_output_dims(int axis) noexcept {
    std::array<int, 16> d{};
    constexpr std::size_t rank = std::tuple_element_t<0, std::tuple<In...>>::shape_type::dims.size();
    const std::array<int, rank> first = std::tuple_element_t<0, std::tuple<In...>>::shape_type::dims;
    for (std::size_t i = 0; i < rank; ++i) d[i] = first[i];
    d[static_cast<std::size_t>(axis)] = (0 + ... + In::shape_type::dims[static_cast<std::size_t>(axis)]);
    return d;
}

/// The first {input, dimension, size, input 0's size} that differs from input 0
/// off the axis; {-1, -1, 0, 0} when none does.
template <class... In>
constexpr std::array<int, 4> concat_first_mismatch(int axis) noexcept {
    using first = std::tuple_element_t<0, std::tuple<In...>>;
    std::array<int, 4> bad{-1, -1, 0, 0};
    int k = 0;
    const auto check = [&](const auto& dims) {
        for (std::size_t d = 0; d < dims.size() && d < first::shape_type::dims.size(); ++d)
            if (static_cast<int>(d) != axis && dims[d] != first::shape_type::dims[d] && bad[0] < 0)
                bad = {k, static_cast<int>(d), dims[d], first::shape_type::dims[d]};
        ++k;
    };
    (check(In::shape_type::dims), ...);
    return bad;
}

/// Complete (int) when nothing mismatches; otherwise the undefined
/// diagnostic above, whose sizeof fails with the numbers in the message.
template <std::array<int, 4> Bad, bool Ok = (Bad[0] < 0)>
struct concat_diagnostic {
    using type = int;
};
template <std::array<int, 4> Bad>
struct concat_diagnostic<Bad, false> {
    using type = concatenation_input_dimension_differs_from_input_0<Bad[0], Bad[1], Bad[2], Bad[3]>;
};

template <std::size_t Rank, std::array<int, 16> D>
constexpr std::array<int, Rank> first_dims() noexcept {
    std::array<int, Rank> r{};
    for (std::size_t i = 0; i < Rank; ++i) r[i] = D[i];
    return r;
}
}  // namespace bits

template <class From, concatenation_params P, quant OutQ>
struct concatenation {
    using sources = From;
    static_assert(From::count >= 1, "ctnn::concatenation reads at least one tensor");

    template <class... In>
    struct bind {
        using info = bits::concatenation_shape<In...>;
        using value_type = typename info::first::value_type;
        static constexpr std::size_t count = sizeof...(In);
        static constexpr int rank = info::rank;

        static_assert(info::same_rank, "ctnn: concatenation inputs must all have the same rank");
        static_assert(rank <= 16, "ctnn: concatenation supports tensors of rank <= 16");
        static_assert(P.axis >= 0 && P.axis < rank,
                      "ctnn: concatenation axis must be in [0, rank) (the generator makes negative axes positive)");
        static_assert((std::is_same_v<typename In::value_type, value_type> && ...),
                      "ctnn: concatenation inputs must share one element type");
        static constexpr std::array<int, 4> mismatch = bits::concat_first_mismatch<In...>(P.axis);
        static_assert(sizeof(typename bits::concat_diagnostic<mismatch>::type) > 0);  // names input, dimension, sizes
        static_assert(mismatch[0] < 0, "ctnn: concatenation inputs must match input 0 in every dimension but the axis");

        static constexpr std::array<int, 16> all_dims = bits::concat_output_dims<In...>(P.axis);
        using output =
            tensor<shape_from_array<bits::first_dims<static_cast<std::size_t>(rank), all_dims>()>, OutQ, value_type>;

        /// Elements before the axis (outer), after it (inner), and each input's
        /// contiguous block per outer index.
        static constexpr std::size_t outer = [] {
            std::size_t n = 1;
            for (int d = 0; d < P.axis; ++d) n *= static_cast<std::size_t>(all_dims[static_cast<std::size_t>(d)]);
            return n;
        }();
        static constexpr std::size_t inner = [] {
            std::size_t n = 1;
            for (int d = P.axis + 1; d < rank; ++d)
                n *= static_cast<std::size_t>(all_dims[static_cast<std::size_t>(d)]);
            return n;
        }();
        static constexpr std::array<std::size_t, count> block{
            static_cast<std::size_t>(In::shape_type::dims[static_cast<std::size_t>(P.axis)]) * inner...};

        /// Per input: copied as is (same quantization as the output), or
        /// requantized through a 256-entry table of TFLite's float formula.
        static constexpr std::array<bool, count> copy{
            (In::q.scale() == OutQ.scale() && In::q.zero_point == OutQ.zero_point)...};
        static constexpr std::size_t requantized_count = [] {
            std::size_t n = 0;
            for (bool c : copy) n += c ? 0u : 1u;
            return n;
        }();
        static_assert(requantized_count == 0 || std::is_same_v<value_type, std::int8_t>,
                      "ctnn: concatenation can requantize int8 inputs only; other types must share the output "
                      "quantization");
        /// Input i's table among `tables` (meaningful where copy[i] is false).
        static constexpr std::array<std::size_t, count> table_of = [] {
            std::array<std::size_t, count> t{};
            std::size_t n = 0;
            for (std::size_t i = 0; i < count; ++i) t[i] = copy[i] ? 0 : n++;
            return t;
        }();
        /// tables[t][q + 128]: the output byte for input byte q. Evaluated by
        /// the compiler in IEEE float, exactly as TFLite's loop computes it
        /// (a table also keeps a target's fused multiply-add out of the sum).
        static constexpr auto tables = [] {
            constexpr std::array<quant, count> in_q{In::q...};
            std::array<std::array<std::int8_t, 256>, requantized_count> t{};
            const float inverse_output_scale = 1.0f / OutQ.scale();
            for (std::size_t i = 0; i < count; ++i) {
                if (copy[i]) continue;
                const float scale = in_q[i].scale() * inverse_output_scale;
                const float bias = static_cast<float>(-in_q[i].zero_point) * scale;
                for (int q = -128; q < 128; ++q) {
                    const float scaled = static_cast<float>(q) * scale;
                    const std::int32_t v = fixed_point::round_half_away(scaled + bias) + OutQ.zero_point;
                    t[table_of[i]][static_cast<std::size_t>(q + 128)] =
                        static_cast<std::int8_t>(fixed_point::clamp(v, -128, 127));
                }
            }
            return t;
        }();

        using op_tag = concatenation_tag;
        static constexpr std::string_view name = "CONCATENATION";
        static constexpr node_kind kind = node_kind::compute;
        static constexpr concatenation_params params = P;
        static constexpr std::uint64_t macs = 0;
        static constexpr std::size_t weight_bytes = requantized_count * 256;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
