// kernels/scalar/softmax.hpp: SOFTMAX over the last axis against the TFLite
// runtimes, in each of ctnn's numerics, int8 -> int8 and int8 -> int16; a
// TANH -> SOFTMAX model; in place.
//
// Expected bytes: produced once by running TFLite models with exactly these
// parameters through ai-edge-litert 1.4.0 — resolvers BUILTIN_REF ("ref",
// ctnn's numerics::tflite) and BUILTIN_WITHOUT_DEFAULT_DELEGATES ("opt",
// numerics::tflite_optimized) — and through the tflite-micro Python
// interpreter 0.dev20261023182759 ("tflm", numerics::tflite_micro), and
// pasted. The one-op models were converted with TensorFlow 2.20 (Keras
// Softmax); for beta != 1 and for chosen input scales their SoftmaxOptions /
// quantization were then edited in the flatbuffer (the converter lowers
// softmax(beta * x) to MUL + SOFTMAX).
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/softmax.hpp"
#include "ctnn/kernels/scalar/tanh.hpp"
#include "ctnn/ops/softmax.hpp"
#include "ctnn/ops/tanh.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <vector>

namespace {

using ctnn::f32;
using ctnn::from;
using ctnn::numerics;
using ctnn::quant;
using ctnn::shape;
using ctnn::softmax;
using ctnn::softmax_params;

constexpr quant out_q{1.0f / 256, -128};  // TFLite's int8 softmax output

template <class Model>
std::vector<int> run(const std::vector<int>& in) {
    static ctnn::network<Model, ctnn::isa::scalar> net;
    auto x = net.input();
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<std::int8_t>(in[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

/// One SOFTMAX on an input of Shape, in each numerics.
template <class Shape, quant InQ, f32 Beta = f32{1.0f}>
struct softmax_models {
    template <numerics N>
    using model = ctnn::graph<ctnn::input<Shape, InQ>, softmax<from<0>, softmax_params{.beta = Beta, .match = N}, out_q>>;
    using ref = model<numerics::tflite>;
    using opt = model<numerics::tflite_optimized>;
    using micro = model<numerics::tflite_micro>;
};

struct expectation {
    std::vector<int> x, ref, opt, tflm;
};

// softmax_0_2: input {0.007777660619467497, -1}
using case0 = softmax_models<shape<2, 2>, quant{0x1.fdb77e0000000p-8f, -1}>;
const std::vector<expectation> expect0{
    {{-7, 3, 65, 115},
     {-5, 5, -25, 25},
     {-5, 5, -25, 25},
     {-5, 5, -25, 25}},
    {{-51, -47, -18, -12},
     {-2, 2, -3, 3},
     {-2, 2, -3, 3},
     {-2, 2, -3, 3}},
    {{17, 17, 17, 17},
     {0, 0, 0, 0},
     {0, 0, 0, 0},
     {0, 0, 0, 0}},
};

// softmax_1_3: input {0.023411650210618973, -1}
using case1 = softmax_models<shape<2, 3>, quant{0x1.7f93940000000p-6f, -1}>;
const std::vector<expectation> expect1{
    {{-49, 94, -20, -59, 83, -63},
     {-120, 104, -112, -119, 112, -120},
     {-120, 104, -112, -119, 112, -120},
     {-120, 104, -112, -119, 112, -120}},
    {{26, 36, 32, 12, 9, 45},
     {-53, -33, -42, -66, -70, 7},
     {-53, -33, -42, -66, -70, 7},
     {-53, -33, -42, -66, -70, 7}},
    {{17, 17, 17, 17, 17, 17},
     {-43, -43, -43, -43, -43, -43},
     {-43, -43, -43, -43, -43, -43},
     {-43, -43, -43, -43, -43, -43}},
};

// softmax_2_10: input {0.06264425814151764, -1}
using case2 = softmax_models<shape<2, 10>, quant{0x1.0097440000000p-4f, -1}>;
const std::vector<expectation> expect2{
    {{86, 9, 81, -44, -13, 73, -97, -51, -97, -12, 122, -94, -30, -25, 103, -76, 0, -61, -123, 64},
     {-11, -127, -42, -128, -128, -76, -128, -128, -128, -128, 64, -128, -128, -128, -70, -128, -128, -128, -128, -123},
     {-11, -127, -42, -128, -128, -76, -128, -128, -128, -128, 64, -128, -128, -128, -70, -128, -128, -128, -128, -123},
     {-11, -127, -42, -128, -128, -76, -128, -128, -128, -128, 64, -128, -128, -128, -70, -128, -128, -128, -128, -123}},
    {{-44, -35, -26, -26, -42, -5, -15, -6, -43, -16, -34, -24, -7, -35, -16, -40, -33, -5, -29, -25},
     {-122, -118, -111, -111, -122, -63, -93, -67, -122, -95, -117, -107, -69, -118, -94, -120, -116, -61, -113, -109},
     {-122, -118, -111, -111, -122, -63, -93, -67, -122, -95, -117, -107, -69, -118, -94, -120, -116, -61, -113, -109},
     {-122, -118, -111, -111, -122, -63, -93, -67, -122, -95, -117, -107, -69, -118, -94, -120, -116, -61, -113, -109}},
    {{17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17},
     {-102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102},
     {-102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102},
     {-102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102}},
};

// softmax_4_10: input {0.02352672442793846, -128}
using case3 = softmax_models<shape<2, 10>, quant{0x1.81763c0000000p-6f, -128}>;
const std::vector<expectation> expect3{
    {{-99, -20, 31, -12, 70, -36, 28, 69, 106, -19, -118, 55, 7, 95, -11, -34, -113, -11, 36, 69},
     {-127, -122, -110, -121, -82, -124, -111, -83, -21, -122, -127, -89, -115, -27, -120, -123, -127, -120, -103, -73},
     {-127, -122, -110, -121, -82, -124, -111, -83, -21, -122, -127, -89, -115, -27, -120, -123, -127, -120, -103, -73},
     {-127, -122, -110, -121, -82, -124, -111, -83, -21, -122, -127, -89, -115, -27, -120, -123, -127, -120, -103, -73}},
    {{49, 21, 37, 46, 23, 27, 48, 37, 34, 41, 34, 54, 44, 14, 18, 35, 47, 15, 41, 45},
     {-94, -111, -103, -97, -110, -108, -95, -103, -104, -100, -104, -90, -98, -113, -112, -103, -95, -113, -100, -97},
     {-94, -111, -103, -97, -110, -108, -95, -103, -104, -100, -104, -90, -98, -113, -112, -103, -95, -113, -100, -97},
     {-94, -111, -103, -97, -110, -108, -95, -103, -104, -100, -104, -90, -98, -113, -112, -103, -95, -113, -100, -97}},
    {{17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17},
     {-102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102},
     {-102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102},
     {-102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102, -102}},
};

// softmax_5_3: input {0.0011588390916585922, 43}
using case4 = softmax_models<shape<2, 3>, quant{0x1.2fc8600000000p-10f, 43}>;
const std::vector<expectation> expect4{
    {{95, -79, 14, 77, -37, -80},
     {-34, -51, -43, -34, -45, -49},
     {-34, -51, -43, -34, -45, -49},
     {-34, -51, -43, -34, -45, -49}},
    {{39, 22, 28, 55, 47, 55},
     {-42, -43, -43, -42, -43, -42},
     {-42, -43, -43, -42, -43, -42},
     {-42, -43, -43, -42, -43, -42}},
    {{17, 17, 17, 17, 17, 17},
     {-43, -43, -43, -43, -43, -43},
     {-43, -43, -43, -43, -43, -43},
     {-43, -43, -43, -43, -43, -43}},
};

// softmax_7_2: input {0.06253685802221298, -65}
using case5 = softmax_models<shape<2, 2>, quant{0x1.0026a60000000p-4f, -65}>;
const std::vector<expectation> expect5{
    {{96, -49, -8, 30},
     {127, -128, -106, 106},
     {127, -128, -106, 106},
     {127, -128, -106, 106}},
    {{7, 34, -5, 31},
     {-88, 88, -104, 104},
     {-88, 88, -104, 104},
     {-88, 88, -104, 104}},
    {{17, 17, 17, 17},
     {0, 0, 0, 0},
     {0, 0, 0, 0},
     {0, 0, 0, 0}},
};

// beta 0.1: input {0.7192386388778687, -31}, beta 0.1
using case6 = softmax_models<shape<2, 10>, quant{0x1.70400c0000000p-1f, -31}, f32{0x1.99999a0000000p-4f}>;
const std::vector<expectation> expect6{
    {{-25, -23, -98, 93, 97, -28, -50, -51, -3, 68, -25, -23, -98, 93, 97, -28, -50, -51, -3, 68},
     {-128, -128, -128, -26, 9, -128, -128, -128, -128, -111, -128, -128, -128, -26, 9, -128, -128, -128, -128, -111},
     {-128, -128, -128, -26, 8, -128, -128, -128, -128, -111, -128, -128, -128, -26, 8, -128, -128, -128, -128, -111},
     {-128, -128, -128, -26, 9, -128, -128, -128, -128, -111, -128, -128, -128, -26, 9, -128, -128, -128, -128, -111}},
};

// beta 2.0: input {0.05, 3}, beta 2.0
using case7 = softmax_models<shape<2, 10>, quant{0x1.99999a0000000p-5f, 3}, f32{0x1.0000000000000p+1f}>;
const std::vector<expectation> expect7{
    {{-64, 56, -23, 85, 127, -56, -8, -73, 49, 35, 88, 78, 122, 118, 101, -90, -118, -5, -40, 101},
     {-128, -128, -128, -124, 124, -128, -128, -128, -128, -128, -124, -126, 3, -40, -112, -128, -128, -128, -128, -112},
     {-128, -128, -128, -124, 124, -128, -128, -128, -128, -128, -124, -126, 3, -40, -112, -128, -128, -128, -128, -112},
     {-128, -128, -128, -124, 124, -128, -128, -128, -128, -128, -124, -126, 3, -40, -112, -128, -128, -128, -128, -112}},
    {{7, -2, 1, 2, 10, -13, -1, 4, -2, 10, 11, 8, -1, 9, -11, 4, -6, -7, 4, 6},
     {-91, -113, -108, -106, -79, -123, -112, -101, -113, -79, -76, -89, -112, -85, -122, -102, -118, -119, -102, -96},
     {-91, -113, -108, -106, -79, -123, -112, -101, -113, -79, -76, -89, -112, -85, -122, -102, -118, -119, -102, -96},
     {-91, -113, -108, -106, -79, -123, -112, -101, -113, -79, -76, -89, -112, -85, -122, -102, -118, -119, -102, -96}},
};

// beta 0.5: input {0.01, 0}, beta 0.5
using case8 = softmax_models<shape<2, 10>, quant{0x1.47ae140000000p-7f, 0}, f32{0x1.0000000000000p-1f}>;
const std::vector<expectation> expect8{
    {{99, -74, 95, 84, -48, -112, 69, 83, -11, -86, -91, -32, 65, -47, -120, 48, 62, -83, 15, -27},
     {-91, -112, -92, -94, -110, -115, -96, -94, -107, -113, -111, -105, -91, -107, -113, -94, -91, -110, -99, -104},
     {-91, -112, -92, -94, -110, -115, -96, -94, -107, -113, -111, -105, -91, -107, -113, -94, -91, -110, -99, -104},
     {-91, -112, -92, -94, -110, -115, -96, -94, -107, -113, -111, -105, -91, -107, -113, -94, -91, -110, -99, -104}},
};

// int8 -> int16 (Softmax<int8_t, int16_t>): the fixture models above with
// their output edited to int16 in the flatbuffer, then run through the same
// three runtimes ("ref" and "tflm" agree on every byte; "opt" is the float
// table, rounded to the int16 grid of the output scale).
template <class Shape, quant InQ, quant OutQ>
struct softmax16_models {
    template <numerics N>
    using model = ctnn::graph<ctnn::input<Shape, InQ>, softmax<from<0>, softmax_params{.match = N}, OutQ, std::int16_t>>;
    using ref = model<numerics::tflite>;
    using opt = model<numerics::tflite_optimized>;
    using micro = model<numerics::tflite_micro>;
};

// softmax_2x3's input {0.007818896, 0}, output {1/65536, -32768}
using case16a = softmax16_models<shape<2, 3>, quant{0x1.0035a8p-7f, 0}, quant{0x1p-16f, -32768}>;
const std::vector<expectation> expect16a{
    {{43, 78, -123, 78, -8, 3},
     {-7444, 528, -25852, -1059, -16581, -15128},
     {-7444, 528, -25852, -1059, -16581, -15128},
     {-7444, 528, -25852, -1059, -16581, -15128}},
    {{-4, 99, 65, -66, -51, 28},
     {-19535, -3161, -10072, -17201, -15264, -304},
     {-19535, -3160, -10072, -17201, -15264, -304},
     {-19535, -3161, -10072, -17201, -15264, -304}},
    {{-52, -29, -77, 114, -121, -33},
     {-11064, -6787, -14917, 11631, -25699, -18701},
     {-11063, -6787, -14917, 11631, -25699, -18701},
     {-11064, -6787, -14917, 11631, -25699, -18701}},
};

// softmax_1x10's input {0.06269494, 0}, output {1/65535, -32768} (keyword_scrambled_8bit's scale)
using case16b = softmax16_models<shape<1, 10>, quant{0x1.00cc6ap-4f, 0}, quant{0x1.0001p-16f, -32768}>;
const std::vector<expectation> expect16b{
    {{43, 78, -123, 78, -8, 3, 33, -55, 122, -115},
     {-32361, -29119, -32768, -29119, -32751, -32735, -32551, -32767, 24797, -32768},
     {-32361, -29120, -32768, -29120, -32751, -32735, -32551, -32767, 24796, -32768},
     {-32361, -29119, -32768, -29119, -32751, -32735, -32551, -32767, 24797, -32768}},
    {{-57, -30, 18, -24, -95, -117, -128, -116, -90, 127},
     {-32767, -32765, -32698, -32763, -32768, -32768, -32768, -32768, -32768, 32688},
     {-32767, -32765, -32698, -32763, -32768, -32768, -32768, -32768, -32768, 32687},
     {-32767, -32765, -32698, -32763, -32768, -32768, -32768, -32768, -32768, 32688}},
    {{-80, 39, 64, -68, -56, -17, -61, 121, -83, 101},
     {-32768, -32477, -31375, -32768, -32767, -32759, -32767, 16899, -32768, -18594},
     {-32768, -32477, -31375, -32768, -32767, -32759, -32767, 16898, -32768, -18594},
     {-32768, -32477, -31375, -32768, -32767, -32759, -32767, 16899, -32768, -18594}},
};

template <class Case>
void check_all(const std::vector<expectation>& expected) {
    for (const auto& e : expected) {
        CHECK(run<typename Case::ref>(e.x) == e.ref);
        CHECK(run<typename Case::opt>(e.x) == e.opt);
        CHECK(run<typename Case::micro>(e.x) == e.tflm);
    }
}

// TANH -> SOFTMAX, converted from Keras (input {0.023497754707932472, -1}, tanh output {0.0078125, 0})
constexpr quant chain_in{0x1.80fcba0000000p-6f, -1};
template <numerics N>
using chain = ctnn::graph<ctnn::input<shape<2, 12>, chain_in>, ctnn::tanh<from<0>, quant{1.0f / 128, 0}, N>,
                          softmax<from<1>, softmax_params{.match = N}, out_q>>;
const std::vector<expectation> expect_chain{
    {{0, -127, 34, -61, 13, -21, 28, -101, -35, 34, 68, -31, -122, 57, 1, 39, -88, -18, 98, 94, -48, 33, -107, 79},
     {-109, -121, -91, -120, -102, -116, -94, -121, -118, -91, -80, -118, -123, -93, -113, -98, -122, -118, -89, -89, -122, -100, -123, -90},
     {-109, -121, -91, -120, -102, -116, -94, -121, -118, -91, -80, -118, -123, -93, -113, -98, -122, -118, -89, -89, -122, -100, -123, -90},
     {-109, -121, -91, -120, -102, -116, -94, -121, -118, -91, -80, -118, -123, -93, -113, -98, -122, -118, -89, -89, -122, -100, -123, -90}},
    {{-15, -11, 29, 2, 23, -20, 16, 31, -28, -17, -23, -16, -13, -28, 25, -16, 26, 16, -21, 12, 17, -24, -24, -8},
     {-113, -112, -91, -106, -95, -115, -98, -90, -117, -114, -115, -114, -112, -116, -93, -113, -92, -98, -115, -101, -98, -116, -116, -111},
     {-113, -112, -91, -106, -95, -115, -98, -90, -117, -114, -115, -114, -112, -116, -93, -113, -92, -98, -115, -101, -98, -116, -116, -111},
     {-113, -112, -91, -106, -95, -115, -98, -90, -117, -114, -115, -114, -112, -116, -93, -113, -92, -98, -115, -101, -98, -116, -116, -111}},
};

// In place: input -> TANH -> SOFTMAX (over TANH's buffer) -> TANH. The
// planner puts SOFTMAX's output where its input is; the result must be the
// same as running the three layers as separate networks.
constexpr quant mid_q{1.0f / 128, 0};
template <numerics N>
using in_place_model = ctnn::graph<ctnn::input<shape<3, 7>, quant{0.05f, 4}>, ctnn::tanh<from<0>, mid_q>,
                                   softmax<from<1>, softmax_params{.beta = 0.7f, .match = N}, out_q>,
                                   ctnn::tanh<from<2>, mid_q>>;
template <numerics N>
using softmax_alone =
    ctnn::graph<ctnn::input<shape<3, 7>, mid_q>, softmax<from<0>, softmax_params{.beta = 0.7f, .match = N}, out_q>>;
using tanh_alone = ctnn::graph<ctnn::input<shape<3, 7>, quant{0.05f, 4}>, ctnn::tanh<from<0>, mid_q>>;
using tanh_of_softmax = ctnn::graph<ctnn::input<shape<3, 7>, out_q>, ctnn::tanh<from<0>, mid_q>>;

template <numerics N>
void check_in_place() {
    using M = in_place_model<N>;
    static_assert(M::memory_plan.storage_of[2] == 1, "softmax should run in place over tanh's output");
    std::vector<int> x;
    for (int i = 0; i < 21; ++i) x.push_back((i * 37) % 256 - 128);
    const auto expected = run<tanh_of_softmax>(run<softmax_alone<N>>(run<tanh_alone>(x)));
    CHECK(run<M>(x) == expected);
}

}  // namespace

TEST_CASE("softmax: 2 rows of 2, input {0.007778, -1}", "[kernels][softmax]") { check_all<case0>(expect0); }

TEST_CASE("softmax: 2 rows of 3, input {0.02341, -1}", "[kernels][softmax]") { check_all<case1>(expect1); }

TEST_CASE("softmax: 2 rows of 10, input {0.06264, -1}", "[kernels][softmax]") { check_all<case2>(expect2); }

TEST_CASE("softmax: 2 rows of 10, input {0.02353, -128}", "[kernels][softmax]") { check_all<case3>(expect3); }

TEST_CASE("softmax: 2 rows of 3, input {0.001159, 43}", "[kernels][softmax]") { check_all<case4>(expect4); }

TEST_CASE("softmax: 2 rows of 2, input {0.06254, -65}", "[kernels][softmax]") { check_all<case5>(expect5); }

TEST_CASE("softmax: beta 0.1, input {0.7192, -31}", "[kernels][softmax]") { check_all<case6>(expect6); }

TEST_CASE("softmax: beta 2.0, input {0.05, 3}", "[kernels][softmax]") { check_all<case7>(expect7); }

TEST_CASE("softmax: beta 0.5, input {0.01, 0}", "[kernels][softmax]") { check_all<case8>(expect8); }

TEST_CASE("softmax: the numerics differ where the runtimes do", "[kernels][softmax]") {
    // beta 0.1: BUILTIN_REF and TFLite Micro (fixed point) give 9 where the
    // builtin kernel's float table gives 8 (136.49992 rounds down in float).
    const auto& e = expect6.front();
    CHECK(e.ref != e.opt);
    CHECK(e.ref == e.tflm);
}

TEST_CASE("softmax: TANH -> SOFTMAX converted from Keras", "[kernels][softmax]") {
    for (const auto& e : expect_chain) {
        CHECK(run<chain<numerics::tflite>>(e.x) == e.ref);
        CHECK(run<chain<numerics::tflite_optimized>>(e.x) == e.opt);
        CHECK(run<chain<numerics::tflite_micro>>(e.x) == e.tflm);
    }
}

TEST_CASE("softmax: in place gives the same bytes", "[kernels][softmax]") {
    check_in_place<numerics::tflite>();
    check_in_place<numerics::tflite_optimized>();
}

TEST_CASE("softmax: int8 -> int16, 2 rows of 3, output {1/65536, -32768}", "[kernels][softmax]") {
    check_all<case16a>(expect16a);
}

TEST_CASE("softmax: int8 -> int16, output scale 1/65535", "[kernels][softmax]") { check_all<case16b>(expect16b); }

TEST_CASE("softmax: int8 -> int16 saturates a certain class at 32767", "[kernels][softmax]") {
    // One row of two at input scale 1 (softmax_2x3 edited to [1, 2], int16 output): 127 against
    // -128 is below diff_min, so 65536 - 32768 clamps to 32767 and the other class is -32768.
    // Golden from BUILTIN_REF, BUILTIN_WITHOUT_DEFAULT_DELEGATES and TFLite Micro (all agree).
    using M = ctnn::graph<ctnn::input<shape<1, 2>, quant{1.0f, 0}>,
                          softmax<from<0>, softmax_params{}, quant{0x1p-16f, -32768}, std::int16_t>>;
    CHECK(run<M>({127, -128}) == std::vector<int>{32767, -32768});
    CHECK(run<M>({5, 5}) == std::vector<int>{0, 0});
    CHECK(run<M>({0, 1}) == std::vector<int>{-15143, 15143});
}
