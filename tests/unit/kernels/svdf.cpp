// kernels/scalar/svdf.hpp: SVDF run through ctnn::network — state that
// persists across invoke()s, the shift of the memory window, reset_state(),
// hand-computed cases, and golden bytes from TFLite Micro (int8 state) and
// the TFLite interpreter (int16 state).
#include "ctnn/kernels/scalar/svdf.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::activation;
using ctnn::f32;
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::svdf;
using ctnn::svdf_params;

template <class Net, class X>
std::vector<int> step(Net& net, const X& x) {
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = static_cast<std::int8_t>(x[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

// All scales 1: both requantizations are the identity, so the arithmetic is plain integers.
// One filter, memory 2 (column 0 the older step), state zero point 5.
alignas(16) constexpr std::int8_t unit_features[] = {1, 2};
alignas(16) constexpr std::int8_t unit_time[] = {3, 1};
alignas(16) constexpr std::int32_t unit_bias[] = {4};
using unit_model = ctnn::graph<ctnn::input<shape<1, 2>, quant{1.0f, 0}>,
                               svdf<from<0>, svdf_params{.units = 1, .rank = 1, .memory = 2, .input_size = 2},
                                    quant{1.0f, -3}, unit_features, unit_time, unit_bias, quant{1.0f, 5}, f32{1.0f},
                                    f32{1.0f}>>;

}  // namespace

TEST_CASE("svdf: the state is a sliding window kept across invokes", "[kernels][svdf]") {
    static ctnn::network<unit_model, ctnn::isa::scalar> net;
    static_assert(decltype(net)::state_bytes == 16, "2 bytes of state, one aligned slot");
    // y = 4 + 3 * (older - 5) + 1 * (newest - 5) - 3; newest = 5 + x0 + 2 * x1.
    CHECK(step(net, std::array{1, 1}) == std::vector<int>{4});    // state {5, 8}: 4 + 0 + 3 - 3
    CHECK(step(net, std::array{2, 0}) == std::vector<int>{12});   // state {8, 7}: 4 + 9 + 2 - 3
    CHECK(step(net, std::array{0, 0}) == std::vector<int>{7});    // state {7, 5}: 4 + 6 + 0 - 3
    CHECK(step(net, std::array{0, 0}) == std::vector<int>{1});    // state {5, 5}
    // The newest column saturates in the state type (after adding the zero point): 5 + 300 -> 127.
    CHECK(step(net, std::array{100, 100}) == std::vector<int>{123});  // state {5, 127}: 4 + 0 + 122 - 3
    CHECK(step(net, std::array{0, 0}) == std::vector<int>{127});      // state {127, 5}: 4 + 366 - 3, clamped
    net.reset_state();
    CHECK(step(net, std::array{0, 0}) == std::vector<int>{1});  // back to {5, 5}
}

TEST_CASE("svdf: no activation beyond the int8 clamp, as the reference kernels", "[kernels][svdf]") {
    // Output zero point -3 with a (required) RELU: values below -3 still come out.
    static ctnn::network<unit_model, ctnn::isa::scalar> net;
    net.reset_state();
    CHECK(step(net, std::array{-5, 0}) == std::vector<int>{-4});  // state {5, 0}: 4 + 0 - 5 - 3
}

TEST_CASE("svdf: step-wise execution updates the state like invoke", "[kernels][svdf]") {
    static ctnn::network<unit_model, ctnn::isa::scalar> net;
    net.reset_state();
    net.input()[0] = 1;
    net.input()[1] = 1;
    for (net.start(); !net.done(); net.step()) {
    }
    CHECK(net.output()[0] == 4);
    CHECK(step(net, std::array{2, 0}) == std::vector<int>{12});
}

namespace {
// Golden bytes. Provenance: random single-SVDF models written with
// ctnn_tools.tflite_writer; int8 state from tflite-micro's Python runtime
// (0.dev20261023), int16 state from ai-edge-litert 1.4 BUILTIN_REF; five
// inputs in sequence in one interpreter.
alignas(16) constexpr std::int8_t g8_features[] = {-93, -95, 76,  0,   23,  26, 54,  -120, -4, -90,
                                                   -25, 109, 12,  -110, 11, -94, 65, 114,  122, 31,
                                                   94,  -33, -90, 3,   -14, 42, 126, -57,  91, -92};
alignas(16) constexpr std::int8_t g8_time[] = {-39, 73,  -64, 43, -10, 3,   113, 81, 86,
                                               13,  123, 123, -93, -75, -49, 14, 83, -4};
alignas(16) constexpr std::int32_t g8_bias[] = {-675, 1275, -825};
using g8_model = ctnn::graph<
    ctnn::input<shape<2, 5>, quant{0x1.99999ap-5f, 3}>,
    svdf<from<0>, svdf_params{.units = 3, .rank = 2, .memory = 3, .input_size = 5, .act = activation::relu},
         quant{0x1.999b4ap-2f, 7}, g8_features, g8_time, g8_bias, quant{0x1.104618p-2f, -20}, f32{0x1.47ae14p-7f},
         f32{0x1.47ae14p-6f}>>;

alignas(16) constexpr std::int8_t g16_features[] = {29,  -64, 121, 114, -111, -79, -77, -82, 21,   -38, -4, -69,
                                                    115, 43,  42,  -98, -87,  101, -47, 91,  73,   -127, -7, 11};
alignas(16) constexpr std::int16_t g16_time[] = {-1284,  -15726, 8780,  -9682, -5958,  -3324, -8073, -1855,
                                                 13518,  -1274,  9618,  17101, -11263, -9649, 2326,  -12485};
alignas(16) constexpr std::int32_t g16_bias[] = {-18245370, 26538720, -26538720, 19904040};
using g16_model = ctnn::graph<
    ctnn::input<shape<1, 6>, quant{0x1.99999ap-5f, -2}>,
    svdf<from<0>, svdf_params{.units = 4, .rank = 1, .memory = 4, .input_size = 6, .act = activation::relu},
         quant{0x1.a8450cp-3f, -9}, g16_features, g16_time, g16_bias, quant{0x1.4768f6p-10f, 0}, f32{0x1.47ae14p-7f},
         f32{0x1.a36e2ep-14f}>>;
}  // namespace

TEST_CASE("svdf: int8 state, rank 2, two batches: golden bytes from TFLite Micro", "[kernels][svdf]") {
    static ctnn::network<g8_model, ctnn::isa::scalar> net;
    static_assert(decltype(net)::state_bytes == 48, "2 batches * 6 filters * 3 steps = 36 bytes, aligned");
    const std::array<std::array<int, 10>, 5> xs{{{79, -107, -83, -68, -82, 77, 94, 21, -118, -104},
                                                 {-43, -18, 31, -6, -61, -88, 49, 60, -120, -99},
                                                 {-13, -28, 99, 4, -21, -18, 42, 22, -84, 60},
                                                 {65, 116, 73, -56, -47, 38, 38, 50, 94, -54},
                                                 {112, -128, -109, 121, 113, -52, -93, -48, -117, 100}}};
    const std::array<std::vector<int>, 5> ys{{{8, -103, -28, 26, 15, -10},
                                              {-26, -93, -43, -45, 56, 32},
                                              {13, 23, -32, 38, 127, 20},
                                              {34, 88, 12, 6, 127, 18},
                                              {-43, -49, 18, -38, 48, 44}}};
    for (std::size_t k = 0; k < xs.size(); ++k) CHECK(step(net, xs[k]) == ys[k]);
    net.reset_state();
    CHECK(step(net, xs[0]) == ys[0]);
}

TEST_CASE("svdf: int16 state: golden bytes from the TFLite interpreter", "[kernels][svdf]") {
    static ctnn::network<g16_model, ctnn::isa::scalar> net;
    static_assert(decltype(net)::state_bytes == 32, "4 filters * 4 steps * 2 bytes");
    const std::array<std::array<int, 6>, 5> xs{{{79, -107, -83, -68, -82, 77},
                                                {94, 21, -118, -104, -43, -18},
                                                {31, -6, -61, -88, 49, 60},
                                                {-120, -99, -13, -28, 99, 4},
                                                {-21, -18, 42, 22, -84, 60}}};
    const std::array<std::vector<int>, 5> ys{
        {{-7, 8, 69, 32}, {11, 14, 107, -9}, {23, 23, 59, 11}, {27, 17, -28, 31}, {28, -12, 20, -18}}};
    for (std::size_t k = 0; k < xs.size(); ++k) CHECK(step(net, xs[k]) == ys[k]);
}
