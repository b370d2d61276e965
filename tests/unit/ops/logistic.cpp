// ops/logistic.hpp: the layer description and its compile-time data — the
// interpreter's float table (default) and TFLite Micro's Q4.27 input scaling.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/logistic.hpp"
#include "ctnn/ops/tanh.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {

using ctnn::from;
using ctnn::logistic;
using ctnn::numerics;
using ctnn::quant;
using ctnn::shape;

constexpr quant out_q{1.0f / 256, -128};
using in_t = ctnn::tensor<shape<1, 4, 4, 3>, quant{1.0f / 16, 5}>;

using table_layer = logistic<from<0>, out_q>::bind<in_t>;
static_assert(ctnn::Layer<table_layer>);
static_assert(table_layer::name == "LOGISTIC");
static_assert(std::is_same_v<table_layer::output, ctnn::tensor<shape<1, 4, 4, 3>, out_q>>);
static_assert(table_layer::in_place && table_layer::scratch_bytes == 0 && table_layer::macs == 0);
static_assert(table_layer::match == numerics::tflite && table_layer::uses_table);
static_assert(table_layer::table.size() == 256 && table_layer::weight_bytes == 256);
// table[x + 128]: x = zero point (5) is logistic(0) = 1/2 -> 128 - 128 = 0.
static_assert(table_layer::table[5 + 128] == 0);
// x = -128: logistic(-133 / 16) * 256 = 0.063 -> 0 -> -128; x = 127: logistic(122 / 16) * 256 = 255.9 -> 127.
static_assert(table_layer::table[0] == -128 && table_layer::table[255] == 127);
constexpr bool non_decreasing = [] {
    for (std::size_t i = 1; i < 256; ++i)
        if (table_layer::table[i] < table_layer::table[i - 1]) return false;
    return true;
}();
static_assert(non_decreasing);

using optimized_layer = logistic<from<0>, out_q, numerics::tflite_optimized>::bind<in_t>;
static_assert(optimized_layer::uses_table && optimized_layer::table == table_layer::table, "both resolvers: one table");

// TFLite Micro: 1/16 * 2^27 = 2^23 = 0.5 * 2^24 -> multiplier 2^30, left shift 24;
// radius floor(15 * 2^27 / 2^24) = 120.
using micro_layer = logistic<from<0>, out_q, numerics::tflite_micro>::bind<in_t>;
static_assert(!micro_layer::uses_table && micro_layer::table.empty());
static_assert(micro_layer::scaling.multiplier == 1 << 30);
static_assert(micro_layer::scaling.left_shift == 24);
static_assert(micro_layer::scaling.range_radius == 120);
static_assert(micro_layer::weight_bytes == sizeof(ctnn::fixed_point::input_scaling));

// Element-wise, in place over a tensor nobody else reads.
using model = ctnn::graph<ctnn::input<shape<1, 8>, quant{0.5f, 0}>, ctnn::tanh<from<0>, quant{1.0f / 128, 0}>,
                          logistic<from<1>, out_q>, ctnn::tanh<from<2>, quant{1.0f / 128, 0}>>;
static_assert(model::memory_plan.storage_of[2] == 1);

}  // namespace

TEST_CASE("logistic: layer description", "[ops][logistic]") {
    CHECK(model::table[2].op == "LOGISTIC");
    CHECK(model::table[2].aliased);
    CHECK(model::table[2].weight_bytes == 256);
}
