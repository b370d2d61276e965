// kernels/scalar/pad.hpp: hand-computed PAD / PADV2 cases.
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/pad.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::from;
using ctnn::pad;
using ctnn::pad_params;
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

constexpr quant q{0.1f, -7};
using spatial_model = ctnn::graph<
    ctnn::input<shape<1, 2, 2, 1>, q>,
    pad<from<0>, pad_params{.before = {0, 1, 0, 0}, .after = {0, 0, 1, 0}, .value = -7}, q>>;

using channels_model = ctnn::graph<
    ctnn::input<shape<2, 1, 1, 2>, q>,
    pad<from<0>, pad_params{.before = {0, 0, 0, 1}, .after = {1, 0, 0, 0}, .value = 5}, q>>;

using rank2_model = ctnn::graph<ctnn::input<shape<2, 3>, q>,
                                pad<from<0>, pad_params{.before = {1, 0}, .after = {0, 1}, .value = 0}, q>>;

}  // namespace

TEST_CASE("pad: height before, width after", "[kernels][pad]") {
    CHECK(run<spatial_model>(std::array<int, 4>{1, 2, 3, 4}) ==
          std::vector<int>{-7, -7, -7, 1, 2, -7, 3, 4, -7});
}

TEST_CASE("pad: channels and batches (PADV2 constant)", "[kernels][pad]") {
    // [2, 1, 1, 2] -> [3, 1, 1, 3]
    CHECK(run<channels_model>(std::array<int, 4>{1, 2, 3, 4}) == std::vector<int>{5, 1, 2, 5, 3, 4, 5, 5, 5});
}

TEST_CASE("pad: rank 2", "[kernels][pad]") {
    CHECK(run<rank2_model>(std::array<int, 6>{1, 2, 3, 4, 5, 6}) ==
          std::vector<int>{0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0});
}
