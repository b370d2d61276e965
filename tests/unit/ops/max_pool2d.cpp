// ops/max_pool2d.hpp: output shapes and padding.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/max_pool2d.hpp"

#include <catch2/catch_test_macros.hpp>

namespace {

using ctnn::from;
using ctnn::max_pool2d;
using ctnn::padding;
using ctnn::pool2d_params;
using ctnn::quant;
using ctnn::shape;

constexpr quant q{0.05f, 3};
using in_t = ctnn::tensor<shape<2, 6, 7, 5>, q>;

using same_s2 = max_pool2d<from<0>,
                           pool2d_params{.filter_h = 3, .filter_w = 2, .stride_h = 2, .stride_w = 2,
                                         .pad = padding::same},
                           q>::bind<in_t>;
static_assert(ctnn::Layer<same_s2>);
static_assert(std::is_same_v<same_s2::output::shape_type, shape<2, 3, 4, 5>>);
static_assert(same_s2::pad_top == 0 && same_s2::pad_left == 0);  // 6 rows: total padding 1 goes after
static_assert(same_s2::macs == 0);

using valid_3x3_s1 = max_pool2d<from<0>, pool2d_params{.filter_h = 3, .filter_w = 3, .act = ctnn::activation::relu6},
                                q>::bind<in_t>;
static_assert(std::is_same_v<valid_3x3_s1::output::shape_type, shape<2, 4, 5, 5>>);
static_assert(valid_3x3_s1::range.min == 3 && valid_3x3_s1::range.max == 123);

using model = ctnn::graph<ctnn::input<shape<2, 6, 7, 5>, q>,
                          max_pool2d<from<0>, pool2d_params{.filter_h = 2, .filter_w = 2, .stride_h = 2,
                                                            .stride_w = 2},
                                     q>>;
static_assert(model::tensor<1>::bytes == 2 * 3 * 3 * 5);

}  // namespace

TEST_CASE("max_pool2d: the layer table reports MAX_POOL_2D", "[ops][max_pool2d]") {
    CHECK(model::table[1].op == "MAX_POOL_2D");
    CHECK(model::table[1].output_bytes == 90u);
}
