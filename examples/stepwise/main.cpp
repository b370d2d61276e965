// Step-wise inference: one layer per step, other work in between, the same bytes as invoke().
//
//   for (net.start(); !net.done(); net.step()) other_work();
//
// An RTOS task would taskYIELD() (FreeRTOS) or k_yield() (Zephyr) there; a bare-metal loop can
// poll a sensor or feed a watchdog. Each step() runs one layer that computes (inputs and
// reshapes cost no step); net.next_layer() tells which node runs next. The program runs
// person_detect (examples/models/person_detect.tflite) once with invoke() and once step-wise on
// the same input, prints the steps, and fails unless the outputs are equal byte for byte.
//
// Built for the host and, in the Cortex-M presets, as firmware run under QEMU
// (CTNN_EXAMPLE_FIRMWARE), where other_work() also reads the instruction counter: the longest
// step is the longest the loop keeps the core from other work.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include <ctnn/ctnn.hpp>

#include "person_detect.hpp"

#ifdef CTNN_EXAMPLE_FIRMWARE
#include "platform.hpp"
#endif

namespace {

using model = person_detect::model;
ctnn::network<model> net;

// A deterministic 96x96 grey-scale frame, a diagonal gradient; pixels 0..255 become int8 as in
// TFLM's person_detection example (pixel - 128).
void load_frame() {
    auto in = net.input();
    for (std::size_t y = 0; y < 96; ++y)
        for (std::size_t x = 0; x < 96; ++x)
            in[y * 96 + x] = static_cast<std::int8_t>(static_cast<int>((x + y) * 255 / 190) - 128);
}

// What other_work() records: the node each step runs (and, on the core, its instructions).
struct step_record {
    std::size_t node = 0;
    std::uint64_t instructions = 0;
};
std::array<step_record, model::size> steps{};  // at most one step per node
std::size_t step_count = 0;

#ifdef CTNN_EXAMPLE_FIRMWARE
std::uint64_t mark = 0;  // SysTick when the loop went back to the network
void close_step() {
    if (step_count > 0) steps[step_count - 1].instructions = fw::ticks_to_instructions(fw::ticks() - mark);
}
#endif

// The application's work between two layers. Here it only keeps a log; it runs before every
// step, so the network never holds the core for more than one layer.
void other_work() {
#ifdef CTNN_EXAMPLE_FIRMWARE
    close_step();  // the step that just ran
#endif
    steps[step_count++].node = net.next_layer();
#ifdef CTNN_EXAMPLE_FIRMWARE
    mark = fw::ticks();
#endif
}

using output_bytes = std::array<std::int8_t, decltype(net)::output_view<>::extent>;

output_bytes read_output() {
    output_bytes out{};
    std::copy(net.output().begin(), net.output().end(), out.begin());
    return out;
}

}  // namespace

int main() {
    load_frame();
#ifdef CTNN_EXAMPLE_FIRMWARE
    const fw::measurement whole_run = fw::measure([] { net.invoke(); });
#else
    net.invoke();
#endif
    const output_bytes whole = read_output();

    load_frame();  // again: the arena reuses the input's bytes for later layers
    for (net.start(); !net.done(); net.step()) other_work();
#ifdef CTNN_EXAMPLE_FIRMWARE
    close_step();  // the last step
#endif
    const output_bytes stepped = read_output();

    std::printf("person_detect, %u nodes, %u steps; other_work() ran before each:\n",
                static_cast<unsigned>(model::size), static_cast<unsigned>(step_count));
    std::uint64_t total = 0;
    std::size_t longest = 0;
    for (std::size_t k = 0; k < step_count; ++k) {
        const auto& info = model::table[steps[k].node];
        std::printf("  step %2u  node %2u  %-18.*s %9lu MACs", static_cast<unsigned>(k),
                    static_cast<unsigned>(steps[k].node), static_cast<int>(info.op.size()), info.op.data(),
                    static_cast<unsigned long>(info.macs));
#ifdef CTNN_EXAMPLE_FIRMWARE
        std::printf("  %10s instructions", fw::decimal(steps[k].instructions).text);
#endif
        std::printf("\n");
        total += steps[k].instructions;
        if (steps[k].instructions > steps[longest].instructions) longest = k;
    }
#ifdef CTNN_EXAMPLE_FIRMWARE
    std::printf("invoke(): %s instructions; the steps: %s in all, the longest %s (step %u, %.*s)\n",
                fw::decimal(whole_run.instructions).text, fw::decimal(total).text,
                fw::decimal(steps[longest].instructions).text, static_cast<unsigned>(longest),
                static_cast<int>(model::table[steps[longest].node].op.size()),
                model::table[steps[longest].node].op.data());
#else
    (void)total;
    (void)longest;
#endif

    const bool same = whole == stepped;
    std::printf("invoke():  no_person %4d  person %4d\n", whole[0], whole[1]);
    std::printf("step-wise: no_person %4d  person %4d\n", stepped[0], stepped[1]);
    std::printf("step-wise output %s invoke()'s, byte for byte\n", same ? "equals" : "DIFFERS FROM");
    return same ? 0 : 1;
}
