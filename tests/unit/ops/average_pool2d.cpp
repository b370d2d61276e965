// ops/average_pool2d.hpp: output shapes and padding.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/average_pool2d.hpp"

#include <catch2/catch_test_macros.hpp>

namespace {

using ctnn::average_pool2d;
using ctnn::from;
using ctnn::padding;
using ctnn::pool2d_params;
using ctnn::quant;
using ctnn::shape;

constexpr quant q{0.05f, -7};
using in_t = ctnn::tensor<shape<1, 25, 5, 64>, q>;

using global = average_pool2d<from<0>, pool2d_params{.filter_h = 25, .filter_w = 5}, q>::bind<in_t>;
static_assert(ctnn::Layer<global>);
static_assert(std::is_same_v<global::output::shape_type, shape<1, 1, 1, 64>>);
static_assert(global::macs == 0 && global::weight_bytes == 0 && global::scratch_bytes == 0);

using same_s2 = average_pool2d<from<0>,
                               pool2d_params{.filter_h = 3, .filter_w = 3, .stride_h = 2, .stride_w = 2,
                                             .pad = padding::same, .act = ctnn::activation::relu},
                               q>::bind<in_t>;
static_assert(std::is_same_v<same_s2::output::shape_type, shape<1, 13, 3, 64>>);
static_assert(same_s2::pad_top == 1 && same_s2::pad_left == 1);
static_assert(same_s2::range.min == -7 && same_s2::range.max == 127);

using valid_2x2 = average_pool2d<from<0>, pool2d_params{.filter_h = 2, .filter_w = 2, .stride_h = 2, .stride_w = 2},
                                 q>::bind<in_t>;
static_assert(std::is_same_v<valid_2x2::output::shape_type, shape<1, 12, 2, 64>>);

using model = ctnn::graph<ctnn::input<shape<1, 25, 5, 64>, q>,
                          average_pool2d<from<0>, pool2d_params{.filter_h = 25, .filter_w = 5}, q>>;

}  // namespace

TEST_CASE("average_pool2d: the layer table reports AVERAGE_POOL_2D", "[ops][average_pool2d]") {
    CHECK(model::table[1].op == "AVERAGE_POOL_2D");
    CHECK(model::table[1].output_bytes == 64u);
}
