// bench/bench_input.hpp — the benchmarks' input: pseudo-random int8 over the full range, the
// same xorshift sequence as the peer figures in ../shared/docs/baselines.md, so every bench
// (firmware instruction counts, host timings, AArch64 counts) runs the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ctnn_bench {

/// Fills a ctnn input view (any integer element type) with the baseline's sequence.
template <class View>
void fill_pseudo_random(View in) noexcept {
    using T = typename View::value_type;
    std::uint32_t x = 0x2545F491u;
    for (std::size_t i = 0; i < View::extent; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        in[i] = static_cast<T>(static_cast<std::int32_t>(x & 0xFFu) - 128);
    }
}

}  // namespace ctnn_bench
