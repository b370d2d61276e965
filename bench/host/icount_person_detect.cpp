// person_detect (examples/models/person_detect.tflite) built for AArch64 and run under
// qemu-aarch64 with the instruction-counting plugin (bench/firmware/plugin, ctnn_icount): exact
// dynamic instruction counts of one inference and of each layer, with the kernels of
// CTNN_BENCH_ISA (scalar or neon; neon with or without the dot product by -march). QEMU's
// instruction counts are not time: they say how much work each kernel issues, not how fast a
// core retires it. bench/host/neon_icount.py builds the variants, runs them and prints a table.
//
// Region 0 is a whole invoke(); then one region per step() (one layer). stdout: one line per
// layer (node index, op, kernel window, MACs) and a checksum of the output bytes.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <utility>

#include <ctnn/ctnn.hpp>

#include "../bench_input.hpp"

#include "ctnn_bench_person_detect.hpp"

extern "C" {
// Region markers: never inlined, never merged (distinct bodies), as platform/platform.cpp's.
__attribute__((noipa, used)) void ctnn_bench_begin(void) { __asm__ volatile("nop" ::: "memory"); }
__attribute__((noipa, used)) void ctnn_bench_end(void) { __asm__ volatile("nop\n\tnop" ::: "memory"); }
}

namespace {

using model = ctnn_bench_person_detect::model;
ctnn::network<model, ctnn::isa::CTNN_BENCH_ISA> net;

/// kernel_h x kernel_w of node I (0 x 0 for ops without a window).
template <std::size_t I>
constexpr std::pair<int, int> window() {
    using L = typename model::template layer<I>;
    if constexpr (requires { L::kernel_h; L::kernel_w; })
        return {L::kernel_h, L::kernel_w};
    else
        return {0, 0};
}

template <std::size_t... I>
constexpr auto windows(std::index_sequence<I...>) {
    return std::array<std::pair<int, int>, sizeof...(I)>{window<I>()...};
}

}  // namespace

int main() {
    ctnn_bench::fill_pseudo_random(net.input());
    ctnn_bench_begin();
    net.invoke();
    ctnn_bench_end();

    constexpr auto win = windows(std::make_index_sequence<model::size>{});
    for (net.start(); !net.done();) {
        const std::size_t i = net.next_layer();
        ctnn_bench_begin();
        net.step();
        ctnn_bench_end();
        std::printf("layer %zu %.*s %dx%d macs=%llu\n", i, static_cast<int>(model::table[i].op.size()),
                    model::table[i].op.data(), win[i].first, win[i].second,
                    static_cast<unsigned long long>(model::table[i].macs));
    }
    std::uint32_t sum = 0;
    const auto out = net.output();
    for (std::size_t i = 0; i < decltype(out)::extent; ++i)
        sum = sum * 31u + static_cast<std::uint32_t>(static_cast<std::uint8_t>(out[i]));
    std::printf("output checksum %08x\n", static_cast<unsigned>(sum));
    return 0;
}
