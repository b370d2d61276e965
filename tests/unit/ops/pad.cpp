// ops/pad.hpp: output shapes of PAD / PADV2 for ranks 1 to 4.
#include "ctnn/ctnn.hpp"
#include "ctnn/ops/pad.hpp"

#include <catch2/catch_test_macros.hpp>

namespace {

using ctnn::from;
using ctnn::pad;
using ctnn::pad_params;
using ctnn::quant;
using ctnn::shape;

constexpr quant q{0.1f, -4};

using spatial = pad<from<0>, pad_params{.before = {0, 1, 2, 0}, .after = {0, 1, 0, 0}, .value = -4},
                    q>::bind<ctnn::tensor<shape<1, 5, 5, 3>, q>>;
static_assert(ctnn::Layer<spatial>);
static_assert(std::is_same_v<spatial::output::shape_type, shape<1, 7, 7, 3>>);
static_assert(spatial::value == -4 && spatial::macs == 0);

using rank2 = pad<from<0>, pad_params{.before = {1, 0}, .after = {2, 3}, .value = 9},
                  q>::bind<ctnn::tensor<shape<2, 3>, q>>;
static_assert(std::is_same_v<rank2::output::shape_type, shape<5, 6>>);
static_assert(rank2::in_dims4 == std::array<int, 4>{1, 1, 2, 3});
static_assert(rank2::before4 == std::array<int, 4>{0, 0, 1, 0});
static_assert(rank2::out_dims4 == std::array<int, 4>{1, 1, 5, 6});

using rank1 = pad<from<0>, pad_params{.before = {3}, .after = {0}}, q>::bind<ctnn::tensor<shape<4>, q>>;
static_assert(std::is_same_v<rank1::output::shape_type, shape<7>>);

using model = ctnn::graph<ctnn::input<shape<1, 5, 5, 3>, q>,
                          pad<from<0>, pad_params{.before = {0, 1, 1, 0}, .after = {0, 1, 1, 0}, .value = -4}, q>>;
static_assert(model::tensor<1>::bytes == 7 * 7 * 3);

}  // namespace

TEST_CASE("pad: the layer table reports PAD", "[ops][pad]") {
    CHECK(model::table[1].op == "PAD");
    CHECK(model::table[1].output_bytes == 147u);
    CHECK(model::table[1].weight_bytes == 0u);
}
