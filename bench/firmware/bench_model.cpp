// Instructions per inference of a ctnn model on the emulated core (bench/firmware/README in
// docs/measuring.md). Runs one warm-up inference, then one measured inference between the bench
// markers, and prints one machine-readable line that run_bench.py turns into the report:
//
//   ctnn-bench: model=<ns> core=cortex-m4 isa=arm_dsp instructions=<n> stack_bytes=<n>
//               arena_bytes=<n> weight_bytes=<n> macs=<n> heap_bytes=0
//
// Instructions are SysTick ticks under QEMU -icount shift=0 (exact to one tick: 40 instructions
// on mps2, 31.25 on mps3); with the ctnn_icount plugin QEMU also prints the exact count of the
// region. Then one `ctnn-layer:` line per computing layer (the per-layer profile, SysTick
// counts of a step-wise inference). The model comes from CTNN_BENCH_MODEL_HEADER, namespace CTNN_BENCH_MODEL_NAMESPACE.
#include <cstdint>
#include <cstdio>

#include <ctnn/ctnn.hpp>

#include "../bench_input.hpp"

#include "platform.hpp"

#include CTNN_BENCH_MODEL_HEADER

#define CTNN_BENCH_STR2(x) #x
#define CTNN_BENCH_STR(x) CTNN_BENCH_STR2(x)

namespace {

using model = CTNN_BENCH_MODEL_NAMESPACE::model;
__attribute__((section(".bss.ctnn_arena"))) ctnn::network<model> net;

const char* isa_name(ctnn::isa i) {
    switch (i) {
        case ctnn::isa::scalar: return "scalar";
        case ctnn::isa::arm_dsp: return "arm_dsp";
        case ctnn::isa::arm_mve: return "arm_mve";
        default: return "other";
    }
}

// Pseudo-random input over the full int8 range (as in docs/baselines.md).
void fill_input() { ctnn_bench::fill_pseudo_random(net.input()); }

}  // namespace

// The root of the static stack analysis (run_bench.py reads the -fcallgraph-info output).
extern "C" __attribute__((noipa, used)) void ctnn_bench_inference() { net.invoke(); }

int main() {
    fill_input();
    ctnn_bench_inference();  // warm-up: identical count, but keeps first-touch effects out
    fill_input();
    const std::uint32_t heap_before = fw::heap_used_bytes();
    const fw::measurement m = fw::measure([] { ctnn_bench_inference(); });
    const std::uint32_t heap_after = fw::heap_used_bytes();

    std::printf("ctnn-bench: model=%s core=%s isa=%s instructions=%s stack_bytes=%lu arena_bytes=%lu "
                "weight_bytes=%lu macs=%s heap_bytes=%lu\n",
                CTNN_BENCH_STR(CTNN_BENCH_MODEL_NAMESPACE), CTNN_FW_CORE, isa_name(decltype(net)::target_isa),
                fw::decimal(m.instructions).text, static_cast<unsigned long>(m.stack_bytes),
                static_cast<unsigned long>(model::arena_bytes), static_cast<unsigned long>(model::weight_bytes),
                fw::decimal(model::macs).text, static_cast<unsigned long>(heap_after - heap_before));
    std::printf("output[0] = %d\n", static_cast<int>(net.output()[0]));

    // The profile: the same inference layer by layer (step() adds a few instructions of
    // dispatch per layer), one line per computing layer, for `ctnn bench --layers`.
    fill_input();
    for (net.start(); !net.done();) {
        const std::size_t i = net.next_layer();
        const std::uint64_t t0 = fw::ticks();
        net.step();
        const std::uint64_t t1 = fw::ticks();
        const auto& row = model::table[i];
        std::printf("ctnn-layer: index=%lu op=%.*s macs=%s instructions=%s\n", static_cast<unsigned long>(i),
                    static_cast<int>(row.op.size()), row.op.data(), fw::decimal(row.macs).text,
                    fw::decimal(fw::ticks_to_instructions(t1 - t0)).text);
    }
    return 0;
}
