// kernels/scalar/logistic.hpp: every int8 input through a one-op LOGISTIC model,
// in each of ctnn's numerics, against the TFLite runtime it names.
//
// Expected bytes: produced once by running one-op TFLite models with exactly
// these quantization parameters (converted with TensorFlow 2.20, input
// quantization then edited in the flatbuffer) through ai-edge-litert 1.4.0 —
// resolvers BUILTIN_REF and BUILTIN_WITHOUT_DEFAULT_DELEGATES — and through
// the tflite-micro Python interpreter 0.dev20261023182759, and pasted.
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/logistic.hpp"
#include "ctnn/ops/logistic.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <vector>

namespace {

using ctnn::from;
using ctnn::numerics;
using ctnn::quant;
using ctnn::shape;

constexpr quant out_q{1.0f / 256, -128};

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

// input quantization {0.0626504123210907, 0}
constexpr quant in_a{0x1.009db80000000p-4f, 0};
template <numerics N>
using model_a = ctnn::graph<ctnn::input<shape<1, 256>, in_a>, ctnn::logistic<from<0>, out_q, N>>;

// the interpreter's float table: BUILTIN_REF and BUILTIN_WITHOUT_DEFAULT_DELEGATES alike
const std::vector<int> expected_a_interpreter{
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -127, -127, -127,
    -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -127, -126,
    -126, -126, -126, -126, -126, -126, -126, -125, -125, -125, -125, -125, -124, -124, -124, -124,
    -123, -123, -123, -123, -122, -122, -121, -121, -121, -120, -120, -119, -119, -118, -117, -117,
    -116, -115, -114, -114, -113, -112, -111, -110, -109, -108, -106, -105, -104, -102, -101,  -99,
     -98,  -96,  -94,  -92,  -90,  -88,  -86,  -84,  -81,  -79,  -76,  -74,  -71,  -68,  -65,  -62,
     -59,  -56,  -53,  -49,  -46,  -42,  -39,  -35,  -31,  -28,  -24,  -20,  -16,  -12,   -8,   -4,
       0,    4,    8,   12,   16,   20,   24,   28,   31,   35,   39,   42,   46,   49,   53,   56,
      59,   62,   65,   68,   71,   74,   76,   79,   81,   84,   86,   88,   90,   92,   94,   96,
      98,   99,  101,  102,  104,  105,  106,  108,  109,  110,  111,  112,  113,  114,  114,  115,
     116,  117,  117,  118,  119,  119,  120,  120,  121,  121,  121,  122,  122,  123,  123,  123,
     123,  124,  124,  124,  124,  125,  125,  125,  125,  125,  126,  126,  126,  126,  126,  126,
     126,  126,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
};
// TFLite Micro (fixed point): the same bytes for this scale
const std::vector<int>& expected_a_micro = expected_a_interpreter;

// input quantization {0.23513725399971008, 85}
constexpr quant in_b{0x1.e18fa40000000p-3f, 85};
template <numerics N>
using model_b = ctnn::graph<ctnn::input<shape<1, 256>, in_b>, ctnn::logistic<from<0>, out_q, N>>;

// the interpreter's float table: BUILTIN_REF and BUILTIN_WITHOUT_DEFAULT_DELEGATES alike
const std::vector<int> expected_b_interpreter{
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -127, -127, -127, -127, -127,
    -126, -126, -125, -124, -123, -122, -121, -119, -116, -114, -110, -106, -100,  -94,  -87,  -78,
     -68,  -56,  -43,  -30,  -15,    0,   15,   30,   43,   56,   68,   78,   87,   94,  100,  106,
     110,  114,  116,  119,  121,  122,  123,  124,  125,  126,  126,  127,  127,  127,  127,  127,
     127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,
};
// TFLite Micro (fixed point): the same bytes for this scale
const std::vector<int>& expected_b_micro = expected_b_interpreter;

}  // namespace

TEST_CASE("logistic: every int8 input, input quantization {0.0626504, 0}", "[kernels][logistic]") {
    const auto in = every_int8();
    CHECK(run<model_a<numerics::tflite>>(in) == expected_a_interpreter);
    CHECK(run<model_a<numerics::tflite_optimized>>(in) == expected_a_interpreter);
    CHECK(run<model_a<numerics::tflite_micro>>(in) == expected_a_micro);
}

TEST_CASE("logistic: every int8 input, input quantization {0.235137, 85}", "[kernels][logistic]") {
    const auto in = every_int8();
    CHECK(run<model_b<numerics::tflite>>(in) == expected_b_interpreter);
    CHECK(run<model_b<numerics::tflite_optimized>>(in) == expected_b_interpreter);
    CHECK(run<model_b<numerics::tflite_micro>>(in) == expected_b_micro);
}
