// ops/mean.hpp: output shapes (keep_dims or not, negative and repeated axes)
// and the folded requantization.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/mean.hpp"

#include <catch2/catch_test_macros.hpp>

namespace {

using ctnn::from;
using ctnn::mean;
using ctnn::mean_params;
using ctnn::quant;
using ctnn::shape;

constexpr quant in_q{0.625f, -3};  // scales exact in binary: in / out = 2.5 exactly
constexpr quant out_q{0.25f, 4};
using in_t = ctnn::tensor<shape<2, 5, 7, 3>, in_q>;

using spatial_keep = mean<from<0>, mean_params{.axes = {1, 2}, .axis_count = 2, .keep_dims = true}, out_q>::bind<in_t>;
static_assert(ctnn::Layer<spatial_keep>);
static_assert(std::is_same_v<spatial_keep::output::shape_type, shape<2, 1, 1, 3>>);
static_assert(spatial_keep::reduced_count == 35);
static_assert(spatial_keep::kept_dims == std::array<int, 2>{2, 3});
static_assert(spatial_keep::kept_strides == std::array<int, 2>{105, 1});
static_assert(spatial_keep::reduced_dims == std::array<int, 2>{5, 7});
static_assert(spatial_keep::reduced_strides == std::array<int, 2>{21, 3});

using spatial_drop = mean<from<0>, mean_params{.axes = {2, 1}, .axis_count = 2}, out_q>::bind<in_t>;
static_assert(std::is_same_v<spatial_drop::output::shape_type, shape<2, 3>>);

using negative_repeated = mean<from<0>, mean_params{.axes = {-1, 3, 0}, .axis_count = 3}, out_q>::bind<in_t>;
static_assert(std::is_same_v<negative_repeated::output::shape_type, shape<5, 7>>);
static_assert(negative_repeated::reduced_count == 6);

using everything = mean<from<0>, mean_params{.axes = {0, 1, 2, 3}, .axis_count = 4}, out_q>::bind<in_t>;
static_assert(std::is_same_v<everything::output::shape_type, shape<>>);
static_assert(everything::output::elements == 1);

// The folded multiplier: in_scale / out_scale = 2.5 -> {0.625 * 2^31, 2};
// n = 35: s = 5, multiplier' = (0.625 * 2^31 * 32) / 35, shift' = 2 - 5.
constexpr ctnn::requant base = ctnn::fixed_point::quantize_multiplier(2.5);
static_assert(base.multiplier == 1342177280 && base.shift == 2);
static_assert(spatial_keep::requant.multiplier == static_cast<std::int32_t>((std::int64_t{1342177280} << 5) / 35));
static_assert(spatial_keep::requant.shift == -3);
// n = 1 leaves the multiplier as it is.
static_assert(ctnn::mean_requant(0.625f, 0.25f, 1).multiplier == base.multiplier);
static_assert(ctnn::mean_requant(0.625f, 0.25f, 1).shift == base.shift);
// The shift never goes below -31: s is limited to 31 + shift.
static_assert(ctnn::mean_requant(1.0e-9f, 1.0f, 1 << 20).shift >= -31);

using model = ctnn::graph<ctnn::input<shape<2, 5, 7, 3>, in_q>,
                          mean<from<0>, mean_params{.axes = {1, 2}, .axis_count = 2, .keep_dims = true}, out_q>>;

}  // namespace

TEST_CASE("mean: the layer table reports MEAN", "[ops][mean]") {
    CHECK(model::table[1].op == "MEAN");
    CHECK(model::table[1].output_bytes == 6u);
}
