// Firmware model test: runs a ctnn model on the emulated core and compares every output byte
// with what ctnn's scalar kernels computed on the host for the same inputs (expected_gen.cpp).
//
// For each test case: invoke() with the core's default ISA kernels, invoke() with the scalar
// kernels (when the default is another ISA), and step-wise execution — all must give the host's
// bytes. The model is built from CTNN_FW_MODEL_HEADER, namespace CTNN_FW_MODEL_NAMESPACE
// (a hand-written model or a header written by `scripts/ctnn gen`), the expected outputs from
// CTNN_FW_EXPECTED_HEADER. Also prints instructions, stack and arena of one inference.
#include <cstdint>
#include <cstdio>
#include <tuple>

#include <ctnn/ctnn.hpp>

#include "model_io.hpp"
#include "platform.hpp"

#include CTNN_FW_MODEL_HEADER
#include CTNN_FW_EXPECTED_HEADER

#define CTNN_FW_STR2(x) #x
#define CTNN_FW_STR(x) CTNN_FW_STR2(x)

namespace {

using model = CTNN_FW_MODEL_NAMESPACE::model;
constexpr const char* model_name = CTNN_FW_STR(CTNN_FW_MODEL_NAMESPACE);

// The build-time memory check: arena and constants fit the emulated board's RAM and flash.
static_assert(ctnn::fits<model, ctnn::boards::CTNN_FW_BOARD_PROFILE>);

// The arenas live in .ctnn_arena (platform/linker/sections.ld), as a firmware would place them.
__attribute__((section(".bss.ctnn_arena"))) ctnn::network<model> net;
__attribute__((section(".bss.ctnn_arena"))) ctnn::network<model, ctnn::isa::scalar> scalar_net;

const char* isa_name(ctnn::isa i) {
    switch (i) {
        case ctnn::isa::scalar: return "scalar";
        case ctnn::isa::arm_dsp: return "arm_dsp";
        case ctnn::isa::arm_mve: return "arm_mve";
        case ctnn::isa::neon: return "neon";
        case ctnn::isa::sse41: return "sse41";
        case ctnn::isa::avx2: return "avx2";
    }
    return "?";
}

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        ++failures;
        std::printf("FAILED: %s\n", what);
    }
}

// Compares every output of `n` with the host's bytes for case c; prints the first mismatches.
template <class Net>
bool outputs_match(Net& n, std::uint32_t c, const char* how) {
    int mismatches = 0;
    fw_models::for_each_output(n, [&](auto k, auto view) {
        const auto& expected = std::get<decltype(k)::value>(fw_expected::outputs)[c];
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto got = fw_models::stored(view[i]);
            if (got != expected[i]) {
                if (mismatches < 5)
                    std::printf("  %s: case %lu output %u [%u]: got %ld, host %ld\n", how, static_cast<unsigned long>(c),
                                static_cast<unsigned>(decltype(k)::value), static_cast<unsigned>(i),
                                static_cast<long>(got), static_cast<long>(expected[i]));
                ++mismatches;
            }
        }
    });
    return mismatches == 0;
}

}  // namespace

int main() {
    std::printf("model %s on %s (%s kernels): %lu cases, arena %lu bytes, %lu weight bytes, %lu MACs\n", model_name,
                CTNN_FW_CORE, isa_name(decltype(net)::target_isa), static_cast<unsigned long>(fw_expected::cases),
                static_cast<unsigned long>(model::arena_bytes), static_cast<unsigned long>(model::weight_bytes),
                static_cast<unsigned long>(model::macs));
    check(model::arena_bytes == fw_expected::host_arena_bytes, "the arena has the host's size");
    check(fw::in_arena_section(net.arena()), "the arena is in .ctnn_arena");

    const std::uint32_t heap_before = fw::heap_used_bytes();
    for (std::uint32_t c = 0; c < fw_expected::cases; ++c) {
        fw_models::fill_inputs(net, c);
        const fw::measurement m = fw::measure([] { net.invoke(); });
        if (c == 0)
            std::printf("invoke: %s instructions, %lu stack bytes\n", fw::decimal(m.instructions).text,
                        static_cast<unsigned long>(m.stack_bytes));
        check(outputs_match(net, c, "invoke"), "invoke() gives the host's bytes");

        if constexpr (decltype(net)::target_isa != ctnn::isa::scalar) {
            fw_models::fill_inputs(scalar_net, c);
            if (c == 0) {
                const fw::measurement s = fw::measure([] { scalar_net.invoke(); });
                std::printf("invoke, scalar kernels: %s instructions, %lu stack bytes\n",
                            fw::decimal(s.instructions).text, static_cast<unsigned long>(s.stack_bytes));
            } else {
                scalar_net.invoke();
            }
            check(outputs_match(scalar_net, c, "scalar"), "scalar kernels on the target give the host's bytes");
        }

        fw_models::fill_inputs(net, c);
        for (net.start(); !net.done(); net.step()) {
        }
        check(outputs_match(net, c, "steps"), "step-wise execution gives the host's bytes");
    }
    check(fw::heap_used_bytes() == heap_before, "inference allocates nothing");

    std::printf("model %s: %s\n", model_name, failures == 0 ? "all outputs equal the host's" : "FAILED");
    return failures == 0 ? 0 : 1;
}
