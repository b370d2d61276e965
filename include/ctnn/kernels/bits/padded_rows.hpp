// ctnn/kernels/bits/padded_rows.hpp — compile-time weight layout shared by the SIMD paths
// (x86, NEON): rows zero-padded to a multiple of 16 values, so every micro-kernel loads whole
// vectors and needs no tail code. ISA-neutral: plain constexpr data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace ctnn::bits {

constexpr int round_up16(int k) noexcept { return (k + 15) / 16 * 16; }

/// `Rows` rows of `K` int8 values from `Src`, each padded with zeros to `Kp` (a multiple of 16).
template <int Rows, int K, int Kp, const auto& Src>
inline constexpr auto padded_rows = [] {
    std::array<std::int8_t, static_cast<std::size_t>(Rows) * static_cast<std::size_t>(Kp)> a{};
    for (int r = 0; r < Rows; ++r)
        for (int i = 0; i < K; ++i)
            a[static_cast<std::size_t>(r * Kp + i)] = std::data(Src)[r * K + i];
    return a;
}();

}  // namespace ctnn::bits
