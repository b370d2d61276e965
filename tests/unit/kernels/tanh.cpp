// kernels/scalar/tanh.hpp: every int8 input through a one-op TANH model,
// in each of ctnn's numerics, against the TFLite runtime it names.
//
// Expected bytes: produced once by running one-op TFLite models with exactly
// these quantization parameters (converted with TensorFlow 2.20, input
// quantization then edited in the flatbuffer) through ai-edge-litert 1.4.0 —
// resolvers BUILTIN_REF and BUILTIN_WITHOUT_DEFAULT_DELEGATES — and through
// the tflite-micro Python interpreter 0.dev20261023182759, and pasted.
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/tanh.hpp"
#include "ctnn/ops/tanh.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <vector>

namespace {

using ctnn::from;
using ctnn::numerics;
using ctnn::quant;
using ctnn::shape;

constexpr quant out_q{1.0f / 128, 0};

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

std::vector<int> every_int8() {
    std::vector<int> v;
    for (int i = -128; i <= 127; ++i) v.push_back(i);
    return v;
}

// input quantization {0.15620110929012299, -1}
constexpr quant in_a{0x1.3fe65e0000000p-3f, -1};
template <numerics N>
using model_a = ctnn::graph<ctnn::input<shape<1, 256>, in_a>, ctnn::tanh<from<0>, out_q, N>>;

// the interpreter's float table: BUILTIN_REF and BUILTIN_WITHOUT_DEFAULT_DELEGATES alike
const std::vector<int> expected_a_interpreter{
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -127, -127, -127, -126,
    -126, -125, -124, -122, -120, -117, -113, -109, -102,  -94,  -84,  -71,  -56,  -39,  -20,    0,
      20,   39,   56,   71,   84,   94,  102,  109,  113,  117,  120,  122,  124,  125,  126,  126,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
};
// TFLite Micro (fixed point): the same bytes for this scale
const std::vector<int>& expected_a_micro = expected_a_interpreter;

// input quantization {0.019343102350831032, 115}
constexpr quant in_b{0x1.3ceada0000000p-6f, 115};
template <numerics N>
using model_b = ctnn::graph<ctnn::input<shape<1, 256>, in_b>, ctnn::tanh<from<0>, out_q, N>>;

// the interpreter's float table: BUILTIN_REF and BUILTIN_WITHOUT_DEFAULT_DELEGATES alike
const std::vector<int> expected_b_interpreter{
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127,
    -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -126,
    -126, -126, -126, -126, -126, -126, -126, -126, -126, -126, -126, -126, -125, -125, -125, -125,
    -125, -125, -125, -125, -125, -124, -124, -124, -124, -124, -124, -124, -123, -123, -123, -123,
    -123, -122, -122, -122, -122, -121, -121, -121, -121, -120, -120, -120, -119, -119, -119, -118,
    -118, -118, -117, -117, -116, -116, -116, -115, -115, -114, -114, -113, -113, -112, -111, -111,
    -110, -110, -109, -108, -107, -107, -106, -105, -104, -103, -103, -102, -101, -100,  -99,  -98,
     -97,  -96,  -95,  -93,  -92,  -91,  -90,  -89,  -87,  -86,  -84,  -83,  -82,  -80,  -79,  -77,
     -75,  -74,  -72,  -70,  -69,  -67,  -65,  -63,  -61,  -59,  -57,  -55,  -53,  -51,  -49,  -47,
     -45,  -43,  -41,  -38,  -36,  -34,  -32,  -29,  -27,  -24,  -22,  -20,  -17,  -15,  -12,  -10,
      -7,   -5,   -2,    0,    2,    5,    7,   10,   12,   15,   17,   20,   22,   24,   27,   29,
};
// TFLite Micro (fixed point): differs from the interpreter at input(s) 11
const std::vector<int> expected_b_micro{
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127,
    -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -126,
    -126, -126, -126, -126, -126, -126, -126, -126, -126, -126, -126, -126, -125, -125, -125, -125,
    -125, -125, -125, -125, -125, -124, -124, -124, -124, -124, -124, -123, -123, -123, -123, -123,
    -123, -122, -122, -122, -122, -121, -121, -121, -121, -120, -120, -120, -119, -119, -119, -118,
    -118, -118, -117, -117, -116, -116, -116, -115, -115, -114, -114, -113, -113, -112, -111, -111,
    -110, -110, -109, -108, -107, -107, -106, -105, -104, -103, -103, -102, -101, -100,  -99,  -98,
     -97,  -96,  -95,  -93,  -92,  -91,  -90,  -89,  -87,  -86,  -84,  -83,  -82,  -80,  -79,  -77,
     -75,  -74,  -72,  -70,  -69,  -67,  -65,  -63,  -61,  -59,  -57,  -55,  -53,  -51,  -49,  -47,
     -45,  -43,  -41,  -38,  -36,  -34,  -32,  -29,  -27,  -24,  -22,  -20,  -17,  -15,  -12,  -10,
      -7,   -5,   -2,    0,    2,    5,    7,   10,   12,   15,   17,   20,   22,   24,   27,   29,
};

}  // namespace

TEST_CASE("tanh: every int8 input, input quantization {0.156201, -1}", "[kernels][tanh]") {
    const auto in = every_int8();
    CHECK(run<model_a<numerics::tflite>>(in) == expected_a_interpreter);
    CHECK(run<model_a<numerics::tflite_optimized>>(in) == expected_a_interpreter);
    CHECK(run<model_a<numerics::tflite_micro>>(in) == expected_a_micro);
}

TEST_CASE("tanh: every int8 input, input quantization {0.0193431, 115}", "[kernels][tanh]") {
    const auto in = every_int8();
    CHECK(run<model_b<numerics::tflite>>(in) == expected_b_interpreter);
    CHECK(run<model_b<numerics::tflite_optimized>>(in) == expected_b_interpreter);
    CHECK(run<model_b<numerics::tflite_micro>>(in) == expected_b_micro);
}
