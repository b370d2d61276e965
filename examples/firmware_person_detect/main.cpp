// person_detect on a Cortex-M core under QEMU: the prediction, and what one inference costs.
//
// person_detect is TensorFlow Lite Micro's MobileNetV1-0.25 person detector: a 96x96 grey-scale
// image in, two int8 scores out (index 0 "no person", 1 "person", as in TFLM's
// person_detection example). The model is examples/models/person_detect.tflite; the build writes
// person_detect.hpp from it with `scripts/ctnn gen`.
//
// The program runs two deterministic, synthetic 96x96 frames (no camera, no image file: a flat
// mid-grey frame, and a bright head-and-shoulders shape on a dark background), prints the
// prediction and the scores of each, and for the first: instructions per inference (SysTick
// under QEMU -icount, platform.hpp), the peak stack of the inference, the arena (RAM) and the
// model's constants (flash). It returns 1 when a score differs from the bytes TFLite's reference
// interpreter gives for the same frames.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include <ctnn/ctnn.hpp>

#include "person_detect.hpp"
#include "platform.hpp"

namespace {

using model = person_detect::model;

// Build-time budgets: the emulated board, and a real part of the survey table.
static_assert(ctnn::fits<model, ctnn::boards::CTNN_FW_BOARD_PROFILE>);
static_assert(ctnn::fits<model, ctnn::boards::arduino_nano_33_ble_sense>);

// The network (its arena inside) in the linker script's .ctnn_arena section, in RAM, zeroed at
// reset. The weights are constexpr arrays in .rodata: flash.
__attribute__((section(".bss.ctnn_arena"))) ctnn::network<model> net;

constexpr std::size_t no_person = 0;
constexpr std::size_t person = 1;
constexpr int side = 96;

int flat_grey(int, int) { return 128; }

int head_and_shoulders(int x, int y) {
    const int dx = x - 48;
    const int dy = y - 34;
    const bool head = dx * dx * 100 / (14 * 14) + dy * dy * 100 / (18 * 18) <= 100;  // an ellipse
    const int half_width = 16 + (y - 56) * 3 / 4;                                    // a trapezoid
    const bool body = y >= 54 && dx >= -half_width && dx <= half_width;
    return head || body ? 200 : 40;
}

// Pixels 0..255 become int8 as in TFLM's person_detection example: pixel - 128.
void load_frame(int (*pixel)(int, int)) {
    auto in = net.input();
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            in[static_cast<std::size_t>(y * side + x)] = static_cast<std::int8_t>(pixel(x, y) - 128);
}

// The output is a softmax with scale 1/256 and zero point -128: probability = (q + 128) / 256.
// Printed in tenths of a percent, rounded (newlib-nano's printf has no %f).
unsigned per_mille(std::int8_t q) { return static_cast<unsigned>(((q + 128) * 1000 + 128) / 256); }

const char* isa_name(ctnn::isa i) {
    switch (i) {
        case ctnn::isa::scalar: return "scalar";
        case ctnn::isa::arm_dsp: return "arm_dsp";
        case ctnn::isa::arm_mve: return "arm_mve";
        default: return "other";
    }
}

struct frame {
    const char* name;
    int (*pixel)(int, int);
    std::int8_t expected[2];  // TFLite's interpreter (reference kernels) on the same frame
};
constexpr frame frames[] = {
    {"flat grey", flat_grey, {72, -72}},
    {"head and shoulders", head_and_shoulders, {88, -88}},
};

// Where the kernels are inlined; the root of the static stack analysis.
extern "C" __attribute__((noipa, used)) void example_person_detect_inference() { net.invoke(); }

}  // namespace

int main() {
    static_assert(model::output_tensor<>::q.scale() == 1.0f / 256 && model::output_tensor<>::q.zero_point == -128);
    std::printf("person_detect on %s (%s, %s kernels)\n", CTNN_FW_CORE, CTNN_FW_BOARD,
                isa_name(decltype(net)::target_isa));
    int failures = 0;
    fw::measurement first{};
    for (std::size_t f = 0; f < sizeof frames / sizeof frames[0]; ++f) {
        load_frame(frames[f].pixel);
        const fw::measurement m = fw::measure([] { example_person_detect_inference(); });
        if (f == 0) first = m;
        const auto out = net.output();
        const bool is_person = out[person] > out[no_person];
        std::printf("  frame %u, %-18s: %-9s (no person %4d = %2u.%u %%, person %4d = %2u.%u %%)\n",
                    static_cast<unsigned>(f), frames[f].name, is_person ? "person" : "no person", out[no_person],
                    per_mille(out[no_person]) / 10, per_mille(out[no_person]) % 10, out[person],
                    per_mille(out[person]) / 10, per_mille(out[person]) % 10);
        if (out[no_person] != frames[f].expected[0] || out[person] != frames[f].expected[1]) {
            std::printf("  FAILED: expected no person %d, person %d\n", frames[f].expected[0], frames[f].expected[1]);
            ++failures;
        }
    }
    std::printf("  instructions / inference : %s\n", fw::decimal(first.instructions).text);
    std::printf("  MACs / inference         : %s\n", fw::decimal(model::macs).text);
    std::printf("  stack of the inference   : %lu bytes\n", static_cast<unsigned long>(first.stack_bytes));
    std::printf("  arena (RAM)              : %lu bytes\n", static_cast<unsigned long>(model::arena_bytes));
    std::printf("  model constants (flash)  : %lu bytes\n", static_cast<unsigned long>(model::weight_bytes));
    return failures == 0 ? 0 : 1;
}
