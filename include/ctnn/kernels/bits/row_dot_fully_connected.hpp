// ctnn/kernels/bits/row_dot_fully_connected.hpp — the FULLY_CONNECTED driver of the SIMD paths
// (x86 AVX2 and SSE4.1, AArch64 NEON with or without the dot product). Same arithmetic as
// kernels/scalar/fully_connected.hpp (the specification), bit for bit, including its
// single-rounding requantization: per batch row, 4 units at a time take dot products of the
// input row against the weights the micro-kernel laid out at compile time, zero-padded to rows
// of a multiple of 16 values. The row is either widened to int16 with the input offset added
// (Micro::raw false), or used as the raw int8 values with the input offset folded into the bias
// at compile time (Micro::raw true, bits/epilogue.hpp); a raw row whose depth is a multiple of
// 16 is read in place. Depths over 4096 run the scalar kernel.
//
// `Micro` provides:
//   using operand = std::int16_t or std::int8_t;  static constexpr bool raw;
//   template <int N> static void load_row(operand* dst, const std::int8_t* src, std::int32_t input_offset);
//   template <int Rows, int K, int Kp, const auto& W> static const auto* weights();
//     (unit u's row at weights + u * Kp for u a multiple of 4)
//   template <int Kp, int C> static void dot_rows(const operand* row, const auto* w, std::int32_t* out);
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "ctnn/kernels/bits/epilogue.hpp"
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
            using T = typename Micro::operand;
            constexpr int K = L::depth;
            constexpr int Kp = round_up16(K);
            constexpr bool in_place = Micro::raw && K % 16 == 0;
            constexpr std::int32_t input_offset = -L::input::q.zero_point;
            const auto* w = Micro::template weights<L::units, K, Kp, L::weights>();
            const auto* x = static_cast<const std::int8_t*>(inputs[0]);
            auto* y = static_cast<std::int8_t*>(output);
            alignas(32) T buf[static_cast<std::size_t>(in_place ? 16 : Kp)];
            for (int k = K; k < Kp; ++k) buf[k] = 0;
            for (int b = 0; b < L::batches; ++b) {
                const T* row = buf;
                if constexpr (in_place)
                    row = x + b * K;
                else
                    Micro::template load_row<K>(buf, x + b * K, input_offset);
                std::int8_t* out = y + b * L::units;
                int u = 0;
                for (; u + 4 <= L::units; u += 4) finish<L, 4>(row, w, u, out);
                if constexpr (L::units % 4 != 0) finish<L, L::units % 4>(row, w, u, out);
            }
        } else {
            kernel<isa::scalar, fully_connected_tag>::run<L>(inputs, output, scratch);
        }
    }

private:
    template <class L>
    using bias = std::conditional_t<Micro::raw, folded_bias<L, L::units, L::depth, L::weights>, layer_bias<L>>;

    template <class L, int N, class T, class W>
    [[gnu::always_inline]] static void finish(const T* row, const W* w, int u, std::int8_t* out) noexcept {
        constexpr int Kp = round_up16(L::depth);
        std::int32_t acc[4];
        Micro::template dot_rows<Kp, N>(row, w + u * Kp, acc);
        for (int c = 0; c < N; ++c) out[u + c] = requantize_single_round<L, bias<L>>(acc[c], u + c);
    }
};

}  // namespace ctnn::bits
