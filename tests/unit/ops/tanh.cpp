// ops/tanh.hpp: the layer description and its compile-time data — the
// interpreter's float table (default) and TFLite Micro's Q4.27 input scaling.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/tanh.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {

using ctnn::from;
using ctnn::numerics;
using ctnn::quant;
using ctnn::shape;

constexpr quant out_q{1.0f / 128, 0};
using in_t = ctnn::tensor<shape<2, 17>, quant{1.0f / 32, -7}>;

using table_layer = ctnn::tanh<from<0>, out_q>::bind<in_t>;
static_assert(ctnn::Layer<table_layer>);
static_assert(table_layer::name == "TANH");
static_assert(std::is_same_v<table_layer::output, ctnn::tensor<shape<2, 17>, out_q>>);
static_assert(table_layer::in_place && table_layer::scratch_bytes == 0 && table_layer::macs == 0);
static_assert(table_layer::uses_table && table_layer::weight_bytes == 256);
static_assert(table_layer::table[-7 + 128] == 0, "tanh(0) = 0");
// x = 127: tanh(134 / 32) * 128 = 127.97 -> 128, clamped to 127; x = -128: tanh(-121 / 32) * 128 = -127.8 -> -128.
static_assert(table_layer::table[255] == 127 && table_layer::table[0] == -128);
// Odd around the zero point, tanh(-x) = -tanh(x), short of saturation
// (where +128 clamps to 127 but -128 stays).
constexpr bool odd = [] {
    for (int d = 1; d <= 90; ++d)
        if (table_layer::table[static_cast<std::size_t>(121 + d)] != -table_layer::table[static_cast<std::size_t>(121 - d)])
            return false;
    return true;
}();
static_assert(odd);

// Any output quantization works with the table (not with TFLite Micro's).
using other_out = ctnn::tanh<from<0>, quant{1.0f / 64, 10}>::bind<in_t>;
static_assert(other_out::table[-7 + 128] == 10);

// TFLite Micro: 1/32 * 2^27 = 2^22 = 0.5 * 2^23 -> multiplier 2^30, left shift 23;
// radius floor(15 * 2^27 / 2^23) = 240.
using micro_layer = ctnn::tanh<from<0>, out_q, numerics::tflite_micro>::bind<in_t>;
static_assert(!micro_layer::uses_table);
static_assert(micro_layer::scaling.multiplier == 1 << 30);
static_assert(micro_layer::scaling.left_shift == 23);
static_assert(micro_layer::scaling.range_radius == 240);

}  // namespace

TEST_CASE("tanh: layer description", "[ops][tanh]") {
    CHECK(table_layer::table[128] > 0);
    CHECK(micro_layer::weight_bytes == sizeof(ctnn::fixed_point::input_scaling));
}
