// ctnn/kernels/bits/row_dot_fully_connected.hpp — the FULLY_CONNECTED driver of the SIMD paths
// that compute it as int16 row dot products (x86 AVX2, AArch64 NEON). Same arithmetic as
// kernels/scalar/fully_connected.hpp (the specification), bit for bit, including its
// single-rounding requantization: per batch row the input is widened to int16 with the offset
// added, then 4 units at a time take dot products with it against the weights, zero-padded at
// compile time to rows of a multiple of 16. Depths over 4096 run the scalar kernel.
//
// `Micro` is the ISA's pair of micro-kernels:
//   template <int N> static void widen_offset(std::int16_t* dst, const std::int8_t* src, std::int32_t offset);
//   template <int Kp, int C> static void dot_rows(const std::int16_t* p, const std::int8_t* w, std::int32_t* out);
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/kernels/bits/padded_rows.hpp"
#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"

namespace ctnn::bits {

template <class Micro>
struct row_dot_fully_connected {
    template <class L>
    static constexpr bool specialized = L::depth <= 4096;

    template <class L>
    static void run(const void* const* inputs, void* output, void* scratch) noexcept {
        if constexpr (specialized<L>) {
            constexpr int K = L::depth;
            constexpr int Kp = round_up16(K);
            constexpr std::int32_t input_offset = -L::input::q.zero_point;
            const std::int8_t* w = std::data(padded_rows<L::units, K, Kp, L::weights>);
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            alignas(32) std::int16_t buf[static_cast<std::size_t>(Kp)];
            for (int k = K; k < Kp; ++k) buf[k] = 0;
            for (int b = 0; b < L::batches; ++b) {
                Micro::template widen_offset<K>(buf, x + b * K, input_offset);
                std::int8_t* row = y + b * L::units;
                int u = 0;
                for (; u + 4 <= L::units; u += 4) finish<L, 4>(buf, w, u, row);
                if constexpr (L::units % 4 == 3) finish<L, 3>(buf, w, u, row);
                if constexpr (L::units % 4 == 2) finish<L, 2>(buf, w, u, row);
                if constexpr (L::units % 4 == 1) finish<L, 1>(buf, w, u, row);
            }
        } else {
            kernel<isa::scalar, fully_connected_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    template <class L, int N>
    [[gnu::always_inline]] static void finish(const std::int16_t* buf, const std::int8_t* w, int u,
                                              std::int8_t* row) noexcept {
        constexpr int Kp = round_up16(L::depth);
        std::int32_t acc[4];
        Micro::template dot_rows<Kp, N>(buf, w + u * Kp, acc);
        for (int c = 0; c < N; ++c) {
            const int uc = u + c;
            std::int32_t a = acc[c];
            if constexpr (L::has_bias) a += std::data(L::bias)[uc];
            const requant r = L::requant[L::per_channel ? static_cast<std::size_t>(uc) : 0];
            a = fixed_point::multiply_by_quantized_multiplier_single_round(a, r) + L::output::q.zero_point;
            row[uc] = static_cast<std::int8_t>(fixed_point::clamp(a, L::range.min, L::range.max));
        }
    }
};

}  // namespace ctnn::bits
