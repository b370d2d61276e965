// kernels/scalar/quantize.hpp: QUANTIZE float -> int8 (AffineQuantize: float
// division, round half away from zero), int8 -> int8, int16 -> int8, int16 ->
// int32 and int8 -> int32 (Requantize).
#include "ctnn/kernels/scalar/quantize.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
}  // namespace

TEST_CASE("quantize: float to int8 rounds half away from zero and saturates", "[kernels][quantize]") {
    using model = ctnn::graph<ctnn::input<shape<8>, ctnn::no_quant, float>, ctnn::quantize<from<0>, quant{0.5f, 1}>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<float, 8> x{1.25f, -1.25f, 0.0f, 0.2f, 1000.0f, -1000.0f, std::numeric_limits<float>::infinity(),
                                 -0.74f};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = x[i];
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    // 2.5 -> 3, -2.5 -> -3, 0, 0.4 -> 0, saturate, saturate, saturate, -1.48 -> -1; then + 1
    CHECK(out == std::vector<int>{4, -2, 1, 1, 127, -128, 127, 0});
}

TEST_CASE("quantize: golden bytes from the TFLite interpreter", "[kernels][quantize]") {
    // Provenance: fixture floatio_relu (its QUANTIZE), ai-edge-litert 1.4 BUILTIN_REF.
    using model =
        ctnn::graph<ctnn::input<shape<16>, ctnn::no_quant, float>, ctnn::quantize<from<0>, quant{0x1.41089ep-5f, 0}>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<float, 16> x{-0x1.d90fcap+0f, -0x1.0c1d04p+0f, 0x1.0816c0p+2f,  -0x1.ebf468p+1f,
                                  -0x1.08dae8p+2f, 0x1.3ae3f0p-1f,  0x1.289246p+2f,  0x1.04a4aep+2f,
                                  0x1.004ffap+1f,  -0x1.15478ep+2f, 0x1.88319ep+1f,  0x1.d57078p+0f,
                                  -0x1.c7c4f0p+1f, -0x1.66f9ecp-2f, -0x1.206efap+2f, 0x1.8266b8p+1f};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = x[i];
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    CHECK(out == std::vector<int>{-47, -27, 105, -98, -106, 16, 118, 104, 51, -111, 78, 47, -91, -9, -115, 77});
}

TEST_CASE("quantize: int8 requantize, in place", "[kernels][quantize]") {
    // scale 0.5 -> 0.25 (times 2), zero point 0 -> -10.
    using model = ctnn::graph<ctnn::input<shape<5>, quant{0.5f, 0}>,
                              ctnn::quantize<from<0>, quant{0.5f, 0}>,  // identity, writes a temporary
                              ctnn::quantize<from<1>, quant{0.25f, -10}>,
                              ctnn::quantize<from<2>, quant{0.25f, -10}>>;  // identity: the model output
    STATIC_REQUIRE(model::memory_plan.storage_of[2] == 1);                  // ran over its dead input
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<int, 5> x{5, 100, -100, 0, -59};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = static_cast<std::int8_t>(x[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    CHECK(out == std::vector<int>{0, 127, -128, -10, -128});
}

namespace {
template <class Model, class In>
std::vector<long long> run_requantize(const std::vector<In>& x) {
    static ctnn::network<Model, ctnn::isa::scalar> net;
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = x[i];
    net.invoke();
    std::vector<long long> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

// The first 16 inputs of each case: the type's extremes, the zero point, then random values.
const std::vector<std::int16_t> int16_inputs{-32768, 32767, -32768, -32767, -20883, 19744, 24198, 5384,
                                             -30186, -26600, -10997, -4383, 7944,   -1373, -15415, -22300};
}  // namespace

TEST_CASE("quantize: int16 to int32, golden bytes from both runtimes", "[kernels][quantize]") {
    // Provenance: one-QUANTIZE models written with ctnn_tools.tflite_writer (int16 [1, 16] ->
    // int32), run through ai-edge-litert 1.4 BUILTIN_REF and tflite-micro 0.dev20261023182759,
    // which agree on every byte (and on 2,000 random inputs each).
    SECTION("keyword_scrambled_8bit's output: {1/65535, -32768} -> {1/32767, 0}, a multiplier just under 0.5") {
        using model = ctnn::graph<ctnn::input<shape<1, 16>, quant{0x1.0001p-16f, -32768}, std::int16_t>,
                                  ctnn::quantize<from<0>, quant{0x1.0002p-15f, 0}, std::int32_t>>;
        STATIC_REQUIRE(std::is_same_v<model::output_tensor<0>::value_type, std::int32_t>);
        CHECK(run_requantize<model>(int16_inputs) ==
              std::vector<long long>{0, 32767, 0, 1, 5943, 26256, 28483, 19076, 1291, 3084, 10886, 14193, 20356,
                                     15698, 8677, 5234});
    }
    SECTION("amplifying: {0.5, 100} -> {0.01, -7} (left shift 6)") {
        using model = ctnn::graph<ctnn::input<shape<1, 16>, quant{0x1p-1f, 100}, std::int16_t>,
                                  ctnn::quantize<from<0>, quant{0x1.47ae14p-7f, -7}, std::int32_t>>;
        std::vector<std::int16_t> x = int16_inputs;
        x[2] = 100;
        x[3] = 101;
        CHECK(run_requantize<model>(x) ==
              std::vector<long long>{-1643407, 1633343, -7, 43, -1049157, 982193, 1204893, 264193, -1514307, -1335007,
                                     -554857, -224157, 392193, -73657, -775757, -1120007});
    }
}

TEST_CASE("quantize: int16 to int8 (keyword_scrambled_8bit's input), golden bytes", "[kernels][quantize]") {
    // Provenance: as above; {0.000625, 0} -> {0.0592083, -128}, both runtimes agree.
    using model = ctnn::graph<ctnn::input<shape<1, 16>, quant{0x1.47ae14p-11f, 0}, std::int16_t>,
                              ctnn::quantize<from<0>, quant{0x1.e508ep-5f, -128}>>;
    std::vector<std::int16_t> x = int16_inputs;
    x[2] = 0;
    x[3] = 1;
    CHECK(run_requantize<model>(x) == std::vector<long long>{-128, 127, -128, -128, -128, 80, 127, -71, -128, -128,
                                                             -128, -128, -44, -128, -128, -128});
}

TEST_CASE("quantize: int8 to int32 (TFLite Micro), golden bytes", "[kernels][quantize]") {
    // Provenance: a one-QUANTIZE model int8 [1, 16] {0.25, 3} -> int32 {0.001, -1000} run through
    // tflite-micro 0.dev20261023182759 (the interpreter refuses int8 -> int32 in Prepare).
    using model = ctnn::graph<ctnn::input<shape<1, 16>, quant{0x1p-2f, 3}>,
                              ctnn::quantize<from<0>, quant{0x1.0624dep-10f, -1000}, std::int32_t>>;
    const std::vector<std::int8_t> x{-128, 127, 3, -3, -82, 77, 94, 21, -118, -104, -43, -18, 31, -6, -61, -88};
    CHECK(run_requantize<model>(x) == std::vector<long long>{-33750, 30000, -1000, -2500, -22250, 17500, 21750, 3500,
                                                             -31250, -27750, -12500, -6250, 6000, -3250, -17000,
                                                             -23750});
}
