// ops/softmax.hpp: the layer description — shape, rows, in place, flash bytes
// per numerics, and the Prepare values of TFLite's fixed-point kernel
// (PreprocessSoftmaxScaling, CalculateInputRadius) worked out by hand.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/softmax.hpp"
#include "ctnn/ops/tanh.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <type_traits>

namespace {

using ctnn::from;
using ctnn::numerics;
using ctnn::quant;
using ctnn::shape;
using ctnn::softmax;
using ctnn::softmax_params;

constexpr quant out_q{1.0f / 256, -128};
using in_t = ctnn::tensor<shape<2, 3, 10>, quant{1.0f / 16, 3}>;

using fixed_layer = softmax<from<0>, softmax_params{}, out_q>::bind<in_t>;
static_assert(ctnn::Layer<fixed_layer>);
static_assert(fixed_layer::name == "SOFTMAX");
static_assert(std::is_same_v<fixed_layer::output, ctnn::tensor<shape<2, 3, 10>, out_q>>);
static_assert(fixed_layer::depth == 10 && fixed_layer::rows == 6, "over the last axis");
static_assert(fixed_layer::in_place && fixed_layer::scratch_bytes == 0 && fixed_layer::macs == 0);
static_assert(fixed_layer::kind == ctnn::node_kind::compute);

// Default numerics: the interpreter's BUILTIN_REF kernel, fixed point.
static_assert(fixed_layer::params.beta.value() == 1.0f && fixed_layer::params.match == numerics::tflite);
static_assert(!fixed_layer::uses_table && fixed_layer::exp_table.empty());
// beta * scale * 2^(31 - 5) = 2^22 = 2^30 * 2^(23 - 31): multiplier 2^30, shift 23;
// diff_min = -floor(31 * 2^26 / 2^23) = -248.
static_assert(fixed_layer::fixed_params.input_beta.multiplier == 1 << 30);
static_assert(fixed_layer::fixed_params.input_beta.shift == 23);
static_assert(fixed_layer::fixed_params.diff_min == -248);
static_assert(fixed_layer::weight_bytes == sizeof(ctnn::bits::softmax_fixed_params));

// beta 0.75: 0.75 * 2^22 = 3 * 2^20 = (3 * 2^29) * 2^(22 - 31); diff_min = -floor(31 * 2^26 / 2^22) = -496.
using beta_layer = softmax<from<0>, softmax_params{.beta = 0.75f}, out_q>::bind<in_t>;
static_assert(beta_layer::fixed_params.input_beta.multiplier == 3 << 29);
static_assert(beta_layer::fixed_params.input_beta.shift == 22);
static_assert(beta_layer::fixed_params.diff_min == -496);

// TFLite Micro: the same algorithm.
using micro_layer = softmax<from<0>, softmax_params{.match = numerics::tflite_micro}, out_q>::bind<in_t>;
static_assert(!micro_layer::uses_table);
static_assert(micro_layer::fixed_params.input_beta.multiplier == fixed_layer::fixed_params.input_beta.multiplier);

// The interpreter's default kernel: exp(-scale * beta * d) in a float table.
using table_layer = softmax<from<0>, softmax_params{.beta = 2.0f, .match = numerics::tflite_optimized}, out_q>::bind<in_t>;
static_assert(table_layer::uses_table && table_layer::exp_table.size() == 256);
static_assert(table_layer::exp_table[0] == 1.0f);
static_assert(table_layer::exp_table[8] == ctnn::fixed_point::real::expf(-1.0f), "2 * 8 / 16 = 1");
static_assert(table_layer::weight_bytes == 256 * sizeof(float), "1 KiB of flash");
static_assert(table_layer::in_place);

// A rank-1 input is one row.
using vector_layer = softmax<from<0>, softmax_params{}, out_q>::bind<ctnn::tensor<shape<12>, quant{0.1f, 0}>>;
static_assert(vector_layer::rows == 1 && vector_layer::depth == 12);

// In a graph: SOFTMAX writes over its input when nobody else reads it.
using model = ctnn::graph<ctnn::input<shape<1, 10>, quant{0.5f, 0}>, ctnn::tanh<from<0>, quant{1.0f / 128, 0}>,
                          softmax<from<1>, softmax_params{}, out_q>, ctnn::tanh<from<2>, quant{1.0f / 128, 0}>>;
static_assert(model::memory_plan.storage_of[2] == 1);

}  // namespace

TEST_CASE("softmax: layer description", "[ops][softmax]") {
    CHECK(fixed_layer::rows * fixed_layer::depth == 60);
    CHECK(model::table[2].aliased);
    CHECK(model::table[2].op == "SOFTMAX");
}

namespace {
// int8 -> int16: the int16 tensor, never in place (two bytes written per byte read), the same
// fixed-point parameters as int8 -> int8.
constexpr quant out16_q{1.0f / 65536, -32768};
using wide_layer = softmax<from<0>, softmax_params{}, out16_q, std::int16_t>::bind<in_t>;
static_assert(std::is_same_v<wide_layer::output, ctnn::tensor<shape<2, 3, 10>, out16_q, std::int16_t>>);
static_assert(wide_layer::output::bytes == 2 * 60);
static_assert(!wide_layer::in_place);
static_assert(wide_layer::fixed_params.input_beta.multiplier == fixed_layer::fixed_params.input_beta.multiplier);
static_assert(wide_layer::fixed_params.diff_min == fixed_layer::fixed_params.diff_min);
// The output scale within 0.1% of 1/65536: keyword_scrambled_8bit's 1/65535 passes.
using kws_layer = softmax<from<0>, softmax_params{}, quant{0x1.0001p-16f, -32768}, std::int16_t>::bind<in_t>;
static_assert(kws_layer::rows == 6);

using wide_model = ctnn::graph<ctnn::input<shape<1, 10>, quant{0.5f, 0}>, ctnn::tanh<from<0>, quant{1.0f / 128, 0}>,
                               softmax<from<1>, softmax_params{}, out16_q, std::int16_t>>;
static_assert(wide_model::memory_plan.storage_of[2] != 1, "int8 -> int16 never runs over its input");
}  // namespace

TEST_CASE("softmax: int8 -> int16 layer description", "[ops][softmax]") {
    CHECK(!wide_model::table[2].aliased);
    CHECK(wide_model::table[2].output_bytes == 20);
}
