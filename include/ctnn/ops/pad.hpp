// ctnn/ops/pad.hpp — PAD and PADV2 (constant padding).
//
// Input: int8 of rank 1 to 4 (e.g. [N, H, W, C]). Output: same rank, each
// dimension i grown by before[i] + after[i] (entries past the rank must be 0).
// Padded elements get the int8 `value`: the output zero point for PAD (a real
// 0), the quantized constant for PADV2. The input's bytes are copied
// unchanged, as TFLite does: the output quantization equals the input's.
#pragma once

#include <array>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct pad_tag {};

struct pad_params {
    std::array<int, 4> before{};
    std::array<int, 4> after{};
    std::int8_t value = 0;
};

template <class From, pad_params P, quant OutQ>
struct pad {
    using sources = From;
    static_assert(From::count == 1, "pad reads exactly one tensor");

    template <class In>
    struct bind {
        using in_shape = typename In::shape_type;
        static constexpr int rank = in_shape::rank;
        static_assert(rank >= 1 && rank <= 4, "pad: the input rank must be 1 to 4");
        static_assert([] {
            for (std::size_t i = 0; i < 4; ++i)
                if (P.before[i] < 0 || P.after[i] < 0) return false;
            return true;
        }(), "pad: paddings must not be negative");
        static_assert([] {
            for (auto i = static_cast<std::size_t>(rank); i < 4; ++i)
                if (P.before[i] != 0 || P.after[i] != 0) return false;
            return true;
        }(), "pad: paddings past the input's rank must be 0");

        static constexpr pad_params params = P;
        using input = In;

        static constexpr std::array<int, static_cast<std::size_t>(rank)> out_dims = [] {
            std::array<int, static_cast<std::size_t>(rank)> d{};
            for (std::size_t i = 0; i < d.size(); ++i) d[i] = in_shape::dims[i] + P.before[i] + P.after[i];
            return d;
        }();

        /// Shapes and paddings extended to rank 4 with leading 1s / 0s (the
        /// kernel always walks four dimensions, like TFLite's PadImpl).
        static constexpr int lead = 4 - rank;
        static constexpr std::array<int, 4> in_dims4 = [] {
            std::array<int, 4> d{1, 1, 1, 1};
            for (int i = 0; i < rank; ++i) d[static_cast<std::size_t>(lead + i)] = in_shape::dims[static_cast<std::size_t>(i)];
            return d;
        }();
        static constexpr std::array<int, 4> before4 = [] {
            std::array<int, 4> d{};
            for (int i = 0; i < rank; ++i) d[static_cast<std::size_t>(lead + i)] = P.before[static_cast<std::size_t>(i)];
            return d;
        }();
        static constexpr std::array<int, 4> out_dims4 = [] {
            std::array<int, 4> d{1, 1, 1, 1};
            for (int i = 0; i < rank; ++i) d[static_cast<std::size_t>(lead + i)] = out_dims[static_cast<std::size_t>(i)];
            return d;
        }();
        static constexpr std::int8_t value = P.value;

        using op_tag = pad_tag;
        using output = tensor<shape_from_array<out_dims>, OutQ>;
        static constexpr std::string_view name = "PAD";
        static constexpr node_kind kind = node_kind::compute;

        static constexpr std::uint64_t macs = 0;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

}  // namespace ctnn
