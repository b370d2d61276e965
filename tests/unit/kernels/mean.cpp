// kernels/scalar/mean.hpp: hand-computed MEAN cases. The expected values
// follow TFLite's integer arithmetic, double rounding included: at scale 1
// over 4 elements a mean of 2.25 comes out as 3 (2.25 * 2 = 4.5 -> 5, then
// 5 / 2 = 2.5 -> 3).
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/mean.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::from;
using ctnn::mean;
using ctnn::mean_params;
using ctnn::quant;
using ctnn::shape;

template <class Model, class Input>
std::vector<int> run(const Input& in) {
    static ctnn::network<Model, ctnn::isa::scalar> net;
    auto x = net.input();
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<std::int8_t>(in[i]);
    net.invoke();
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

using spatial_model =
    ctnn::graph<ctnn::input<shape<1, 2, 2, 3>, quant{1.0f, 2}>,
                mean<from<0>, mean_params{.axes = {1, 2}, .axis_count = 2, .keep_dims = true}, quant{1.0f, -1}>>;
static_assert(std::is_same_v<spatial_model::tensor<1>::shape_type, shape<1, 1, 1, 3>>);

using axis0_model = ctnn::graph<ctnn::input<shape<2, 3>, quant{1.0f, 1}>,
                                mean<from<0>, mean_params{.axes = {0}, .axis_count = 1}, quant{1.0f, 0}>>;

using all_model = ctnn::graph<ctnn::input<shape<2, 3>, quant{1.0f, 0}>,
                              mean<from<0>, mean_params{.axes = {0, -1}, .axis_count = 2}, quant{1.0f, 0}>>;

// Output scale 1/4 of the input's: the mean times 4, saturating.
using rescale_model =
    ctnn::graph<ctnn::input<shape<1, 1, 2, 2>, quant{1.0f, 0}>,
                mean<from<0>, mean_params{.axes = {2}, .axis_count = 1, .keep_dims = true}, quant{0.25f, 0}>>;

}  // namespace

TEST_CASE("mean: spatial mean with zero points and TFLite's double rounding", "[kernels][mean]") {
    // real channel values: c0 = {1, 2, 3, 5} (2.75), c1 = {-1, -2, -3, -5} (-2.75), c2 = {2, 2, 2, 3} (2.25)
    const std::array<int, 12> in{3, 1, 4, 4, 0, 4, 5, -1, 4, 7, -3, 5};
    CHECK(run<spatial_model>(in) == std::vector<int>{2, -4, 2});  // 3, -3, 3 at output zero point -1
}

TEST_CASE("mean: one axis of a rank-2 tensor", "[kernels][mean]") {
    // real rows {1, 2, 3}, {3, 4, -3}; zero point 1
    CHECK(run<axis0_model>(std::array<int, 6>{2, 3, 4, 4, 5, -2}) == std::vector<int>{2, 3, 0});
}

TEST_CASE("mean: every axis (negative axis) gives one value", "[kernels][mean]") {
    CHECK(run<all_model>(std::array<int, 6>{1, 2, 3, 3, 4, -3}) == std::vector<int>{2});  // 10 / 6 = 1.67
}

TEST_CASE("mean: requantizes to the output scale and saturates", "[kernels][mean]") {
    // pixels (c0, c1): (10, 100), (21, 120): means 15.5 and 110, times 4
    CHECK(run<rescale_model>(std::array<int, 4>{10, 100, 21, 120}) == std::vector<int>{62, 127});
}
