// ctnn/ops/mean.hpp — MEAN (reduce mean over axes), int8.
//
// Input: int8 of rank 1 to 6, e.g. [N, H, W, C]; the common case is the
// global average over axes {1, 2}. Axes may be negative (counted from the
// back) and repeated, as in TFLite. Output: the input shape with the reduced
// dimensions set to 1 (keep_dims) or removed; removing every dimension gives
// a one-element, rank-0 tensor.
//
// Requantization (TFLite's reduce.cc / reference_ops::QuantizedMeanOrSum):
// the multiplier of in_scale / out_scale is folded with 1 / n, n the number
// of reduced elements, at compile time (see `mean_requant`); the kernel then
// needs one multiply per output.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <type_traits>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct mean_tag {};

struct mean_params {
    std::array<int, 4> axes{};
    int axis_count = 0;
    bool keep_dims = false;
};

/// TFLite's MEAN requantization: quantize_multiplier(in_scale / out_scale)
/// with 1 / n folded in. With s = floor(log2 n), limited to 32 and to
/// 31 + shift (so the final shift stays >= -31):
///   multiplier' = (multiplier << s) / n  (integer division), shift' = shift - s.
constexpr requant mean_requant(float in_scale, float out_scale, std::int64_t reduced_count) noexcept {
    const requant base =
        fixed_point::quantize_multiplier(static_cast<double>(in_scale) / static_cast<double>(out_scale));
    int s = static_cast<int>(std::bit_width(static_cast<std::uint64_t>(reduced_count))) - 1;
    s = s < 32 ? s : 32;
    s = s < 31 + base.shift ? s : 31 + base.shift;
    const std::int64_t m = (static_cast<std::int64_t>(base.multiplier) << s) / reduced_count;
    return {static_cast<std::int32_t>(m), base.shift - s};
}

namespace bits {
/// The entries of `from` whose `mask` is `want`, in order (N of them).
template <std::size_t N, std::size_t R>
constexpr std::array<int, N> select_where(const std::array<int, R>& from, const std::array<bool, R>& mask,
                                          bool want) noexcept {
    std::array<int, N> out{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < R; ++i)
        if (mask[i] == want && k < N) out[k++] = from[i];
    return out;
}

template <class S, mean_params P>
struct mean_geometry;

template <int... D, mean_params P>
struct mean_geometry<shape<D...>, P> {
    static constexpr int rank = static_cast<int>(sizeof...(D));
    static constexpr std::size_t urank = sizeof...(D);
    static constexpr std::array<int, urank> dims{D...};

    static constexpr bool axes_valid = [] {
        if (P.axis_count < 1 || P.axis_count > 4) return false;
        for (std::size_t k = 0; k < static_cast<std::size_t>(P.axis_count); ++k)
            if (P.axes[k] < -rank || P.axes[k] >= rank) return false;
        return true;
    }();

    /// reduced[i]: dimension i is averaged over.
    static constexpr std::array<bool, urank> reduced = [] {
        std::array<bool, urank> r{};
        if (!axes_valid) return r;
        for (std::size_t k = 0; k < static_cast<std::size_t>(P.axis_count); ++k)
            r[static_cast<std::size_t>(P.axes[k] < 0 ? P.axes[k] + rank : P.axes[k])] = true;
        return r;
    }();

    static constexpr std::size_t reduced_rank = [] {
        std::size_t n = 0;
        for (bool r : reduced) n += r ? 1u : 0u;
        return n;
    }();
    static constexpr std::size_t kept_rank = urank - reduced_rank;

    /// Row-major strides of the input, in elements.
    static constexpr std::array<int, urank> strides = [] {
        std::array<int, urank> s{};
        int stride = 1;
        for (std::size_t i = urank; i-- > 0;) {
            s[i] = stride;
            stride *= dims[i];
        }
        return s;
    }();

    /// The kept (resp. reduced) dimensions in order, with their input strides.
    static constexpr auto kept_dims = select_where<kept_rank>(dims, reduced, false);
    static constexpr auto kept_strides = select_where<kept_rank>(strides, reduced, false);
    static constexpr auto reduced_dims = select_where<reduced_rank>(dims, reduced, true);
    static constexpr auto reduced_strides = select_where<reduced_rank>(strides, reduced, true);

    static constexpr std::int64_t reduced_count = [] {
        std::int64_t n = 1;
        for (int d : reduced_dims) n *= d;
        return n;
    }();

    static constexpr auto out_dims_keep = [] {
        std::array<int, urank> d = dims;
        for (std::size_t i = 0; i < urank; ++i)
            if (reduced[i]) d[i] = 1;
        return d;
    }();
    using output_shape = std::conditional_t<P.keep_dims, shape_from_array<out_dims_keep>, shape_from_array<kept_dims>>;
};
}  // namespace bits

template <class From, mean_params P, quant OutQ>
struct mean {
    using sources = From;
    static_assert(From::count == 1, "mean reads exactly one tensor");

    template <class In>
    struct bind : bits::mean_geometry<typename In::shape_type, P> {
        using geometry = bits::mean_geometry<typename In::shape_type, P>;
        static_assert(geometry::rank >= 1 && geometry::rank <= 6, "mean: the input rank must be 1 to 6");
        static_assert(geometry::axes_valid,
                      "mean: axis_count must be 1 to 4 and every axis in [-rank, rank) of the input");
        static_assert(geometry::reduced_count <= (std::int64_t{1} << 23),
                      "mean: at most 2^23 elements may be averaged into one (int32 accumulator)");

        static constexpr mean_params params = P;
        using input = In;
        using op_tag = mean_tag;
        using output = tensor<typename geometry::output_shape, OutQ>;
        static constexpr std::string_view name = "MEAN";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr auto requant = mean_requant(In::q.scale(), OutQ.scale(), geometry::reduced_count);

        static constexpr std::uint64_t macs = 0;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
