// kernels/scalar/fully_connected.hpp: the two roundings of FULLY_CONNECTED —
// the interpreter's single rounding (numerics::tflite, the default) and
// TFLite Micro's double rounding (numerics::tflite_micro) — on the fc_8x4
// fixture (per-channel, no activation).
//
// Expected bytes: the fixture run through ai-edge-litert 1.4 BUILTIN_REF
// ("ref") and tflite-micro 0.dev20261023182759 ("tflm") on random inputs;
// these are the first two inputs and the first four on which the runtimes
// disagree (about one output in a hundred does).
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <type_traits>
#include <vector>

namespace {

using ctnn::from;
using ctnn::numerics;
using ctnn::quant;
using ctnn::shape;

alignas(16) inline constexpr std::int8_t weights[4 * 8] = {8,   -56, 29,   5,   -8,  127, 44,  -18, -51, -84, -17,
                                                           -7,  125, 54,   127, 68,  107, 0,   88,  -112, -92, 59,
                                                           -82, 127, -103, 127, 20,  38,  -97, 97,  -37, -14};
alignas(16) inline constexpr std::int32_t bias[4] = {3402, 602, -2073, -765};
inline constexpr float scales[4] = {0x1.5dcd76p-9f, 0x1.58e9b6p-8f, 0x1.26ad18p-8f, 0x1.6334e8p-8f};

template <numerics N>
using model = ctnn::graph<
    ctnn::input<shape<1, 8>, quant{0x1.0035a8p-7f, 0}>,
    ctnn::fully_connected<from<0>, ctnn::fully_connected_params{.units = 4, .depth = 8, .match = N},
                          quant{0x1.ebc0e4p-7f, 18}, weights, bias, scales>>;

template <class Model>
std::vector<int> run(const std::vector<int>& in) {
    static ctnn::network<Model> net;  // the default ISA: the double rounding must reach scalar
    for (std::size_t i = 0; i < in.size(); ++i) net.input()[i] = static_cast<std::int8_t>(in[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

struct expectation {
    std::vector<int> x, ref, tflm;
};

const std::vector<expectation> expected{
    {{89, 35, 2, -59, -50, -118, -109, -124}, {-3, -96, 30, -6}, {-3, -96, 30, -6}},
    {{-84, 80, 38, 105, 0, 27, 120, 58}, {28, 66, -30, 75}, {28, 66, -30, 75}},
    {{81, -24, -118, 104, 112, -117, 23, 82}, {-1, 62, -38, -80}, {-1, 62, -39, -80}},
    {{57, -36, 127, 19, 42, 7, 76, -38}, {38, 48, 15, -20}, {38, 49, 15, -20}},
    {{127, 20, -34, -20, 26, 40, 73, 8}, {32, 41, 31, -22}, {32, 41, 32, -22}},
    {{-21, 57, 103, 121, -116, -81, -29, 102}, {6, -40, 47, 70}, {6, -41, 47, 70}},
};

}  // namespace

TEST_CASE("fully_connected: the interpreter's single rounding and TFLite Micro's double rounding",
          "[kernels][fully_connected]") {
    for (const auto& e : expected) {
        CHECK(run<model<numerics::tflite>>(e.x) == e.ref);
        CHECK(run<model<numerics::tflite_optimized>>(e.x) == e.ref);
        CHECK(run<model<numerics::tflite_micro>>(e.x) == e.tflm);
    }
}

TEST_CASE("fully_connected: TFLite Micro's rounding has its own op tag", "[kernels][fully_connected]") {
    // Specialized kernels implement the single rounding only; the double rounding's tag has
    // no specialization, so every ISA falls back to the scalar kernel.
    using single = model<numerics::tflite>::layer<1>;
    using twice = model<numerics::tflite_micro>::layer<1>;
    STATIC_REQUIRE(std::is_same_v<single::op_tag, ctnn::fully_connected_tag>);
    STATIC_REQUIRE(std::is_same_v<twice::op_tag, ctnn::fully_connected_double_rounding_tag>);
    STATIC_REQUIRE(!single::double_rounding && twice::double_rounding);
    STATIC_REQUIRE(single::weight_bytes == twice::weight_bytes);
    const std::vector<int> x{81, -24, -118, 104, 112, -117, 23, 82};
    static ctnn::network<model<numerics::tflite_micro>, ctnn::isa::arm_dsp> on_dsp;  // falls back to scalar
    for (std::size_t i = 0; i < x.size(); ++i) on_dsp.input()[i] = static_cast<std::int8_t>(x[i]);
    on_dsp.invoke();
    CHECK(static_cast<int>(on_dsp.output()[2]) == -39);
}
