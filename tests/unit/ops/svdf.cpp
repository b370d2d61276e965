// ops/svdf.hpp: the layer description — shapes, persistent state, MACs,
// flash bytes, and the requantization constants of TFLite's Prepare, whose
// effective scales are computed in float (worked out by hand below).
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/svdf.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <type_traits>

namespace {

using ctnn::activation;
using ctnn::f32;
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
using ctnn::svdf;
using ctnn::svdf_params;

// units 3, rank 2 (6 filters), memory 4, input 5, one batch.
alignas(16) constexpr std::int8_t features[6 * 5] = {};
alignas(16) constexpr std::int8_t features3[6 * 3] = {};
alignas(16) constexpr std::int8_t time8[6 * 4] = {};
alignas(16) constexpr std::int16_t time16[6 * 4] = {};
alignas(16) constexpr std::int32_t bias[3] = {};
constexpr svdf_params p{.units = 3, .rank = 2, .memory = 4, .input_size = 5, .act = activation::relu};
constexpr quant out_q{0.7f, -128};
using in_t = ctnn::tensor<shape<1, 5>, quant{0.1f, 3}>;

using layer8 = svdf<from<0>, p, out_q, features, time8, bias, quant{0.7f, -50}, f32{0.3f}, f32{0.25f}>::bind<in_t>;
static_assert(ctnn::Layer<layer8>);
static_assert(layer8::name == "SVDF" && layer8::kind == ctnn::node_kind::compute);
static_assert(std::is_same_v<layer8::output, ctnn::tensor<shape<1, 3>, out_q>>);
static_assert(layer8::filters == 6 && layer8::batches == 1);
static_assert(std::is_same_v<layer8::state_value, std::int8_t>, "the state has the type of weights_time");
static_assert(layer8::state_elements == 24 && layer8::state_bytes == 24);
static_assert(ctnn::bits::state_bytes_of<layer8>() == 24);
static_assert(layer8::scratch_bytes == 0 && !layer8::in_place);
static_assert(layer8::macs == 6 * (5 + 4), "feature and time stages");
static_assert(layer8::weight_bytes == 30 + 24 + 12 + 2 * sizeof(ctnn::requant));
static_assert(layer8::has_bias && layer8::state_q.zero_point == -50);

// Effective scales in float, as TFLite's Prepare: 0.1f * 0.3f / 0.7f rounds to a float
// whose multiplier is 1472560256 * 2^(-4 - 31); the same product in double would give 1472560321.
static_assert(layer8::feature_requant.multiplier == 1472560256 && layer8::feature_requant.shift == -4);
static_assert(ctnn::fixed_point::quantize_multiplier(static_cast<double>(0.1f) * static_cast<double>(0.3f) /
                                                     static_cast<double>(0.7f))
                  .multiplier == 1472560321);
// 0.7f * 0.25f / 0.7f = 0.25 exactly: 2^30 * 2^(-1 - 31).
static_assert(layer8::time_requant.multiplier == 1 << 30 && layer8::time_requant.shift == -1);

// int16 weights_time: an int16 state, two bytes an element; two batches; no bias.
using in2_t = ctnn::tensor<shape<2, 5>, quant{0.1f, 3}>;
using layer16 =
    svdf<from<0>, p, out_q, features, time16, ctnn::none, quant{0.001f, 0}, f32{0.3f}, f32{0.25f}>::bind<in2_t>;
static_assert(std::is_same_v<layer16::state_value, std::int16_t>);
static_assert(layer16::batches == 2 && std::is_same_v<layer16::output, ctnn::tensor<shape<2, 3>, out_q>>);
static_assert(layer16::state_elements == 2 * 24 && layer16::state_bytes == 2 * 24 * 2);
static_assert(!layer16::has_bias && layer16::macs == 2 * 6 * 9);

// In a graph: the state lives outside the arena, one aligned slot per stateful layer.
using model = ctnn::graph<ctnn::input<shape<1, 5>, quant{0.1f, 3}>,
                          svdf<from<0>, p, out_q, features, time8, bias, quant{0.7f, -50}, f32{0.3f}, f32{0.25f}>,
                          svdf<from<1>, svdf_params{.units = 3, .rank = 2, .memory = 4, .input_size = 3}, out_q,
                               features3, time16, bias, quant{0.001f, 0}, f32{0.3f}, f32{0.25f}>>;

static_assert(model::state_offsets[0] == 0 && model::state_offsets[1] == 0);
static_assert(model::state_offsets[2] == 32, "24 bytes, aligned to 16");
static_assert(model::state_bytes == 32 + 48);
static_assert(model::table[1].op == "SVDF" && model::table[1].scratch_bytes == 0);

}  // namespace

TEST_CASE("svdf: layer description", "[ops][svdf]") {
    CHECK(layer8::state_bytes == 24);
    CHECK(layer16::state_bytes == 96);
    CHECK(ctnn::network<model, ctnn::isa::scalar>::state_bytes == 80);
}
