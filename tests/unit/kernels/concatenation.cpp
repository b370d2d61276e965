// kernels/scalar/concatenation.hpp: hand-computed CONCATENATION cases run
// through ctnn::network.
#include "ctnn/kernels/scalar/concatenation.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using ctnn::concatenation_params;
using ctnn::from;
using ctnn::quant;
using ctnn::shape;

constexpr quant q{0.1f, 0};

template <class Net, std::size_t K, class A>
void fill(Net& net, const A& a) {
    for (std::size_t i = 0; i < a.size(); ++i) net.template input<K>()[i] = static_cast<std::int8_t>(a[i]);
}

template <class Net>
std::vector<int> read(Net& net) {
    std::vector<int> out;
    for (auto v : net.output()) out.push_back(v);
    return out;
}

}  // namespace

TEST_CASE("concatenation: last axis interleaves the inputs' rows", "[kernels][concatenation]") {
    using model = ctnn::graph<ctnn::input<shape<2, 2>, q>, ctnn::input<shape<2, 1>, q>,
                              ctnn::concatenation<from<0, 1>, concatenation_params{.axis = 1}, q>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    fill<decltype(net), 0>(net, std::array{1, 2, 3, 4});
    fill<decltype(net), 1>(net, std::array{-5, -6});
    net.invoke();
    CHECK(read(net) == std::vector<int>{1, 2, -5, 3, 4, -6});
}

TEST_CASE("concatenation: first axis appends, three inputs", "[kernels][concatenation]") {
    using model = ctnn::graph<ctnn::input<shape<1, 3>, q>, ctnn::input<shape<2, 3>, q>, ctnn::input<shape<1, 3>, q>,
                              ctnn::concatenation<from<0, 1, 2>, concatenation_params{.axis = 0}, q>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    fill<decltype(net), 0>(net, std::array{1, 2, 3});
    fill<decltype(net), 1>(net, std::array{4, 5, 6, 7, 8, 9});
    fill<decltype(net), 2>(net, std::array{10, 11, 12});
    net.invoke();
    CHECK(read(net) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
}

TEST_CASE("concatenation: a middle axis", "[kernels][concatenation]") {
    // [1, 2, 2, 2] ++ [1, 2, 1, 2] on axis 2 -> [1, 2, 3, 2]
    using model = ctnn::graph<ctnn::input<shape<1, 2, 2, 2>, q>, ctnn::input<shape<1, 2, 1, 2>, q>,
                              ctnn::concatenation<from<0, 1>, concatenation_params{.axis = 2}, q>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    fill<decltype(net), 0>(net, std::array{1, 2, 3, 4, 5, 6, 7, 8});
    fill<decltype(net), 1>(net, std::array{-1, -2, -3, -4});
    net.invoke();
    CHECK(read(net) == std::vector<int>{1, 2, 3, 4, -1, -2, 5, 6, 7, 8, -3, -4});
}

TEST_CASE("concatenation: an input of another scale is requantized", "[kernels][concatenation]") {
    // Input 1: scale 0.05, zero point 2, onto 0.1 / -1: q_out = round(0.5 * q - 1) - 1, ties away from zero.
    using model = ctnn::graph<ctnn::input<shape<2>, quant{0.1f, -1}>, ctnn::input<shape<6>, quant{0.05f, 2}>,
                              ctnn::concatenation<from<0, 1>, concatenation_params{.axis = 0}, quant{0.1f, -1}>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    fill<decltype(net), 0>(net, std::array{100, -100});
    fill<decltype(net), 1>(net, std::array{2, 3, 1, -128, 127, 0});
    net.invoke();
    // 2 -> 0 - 1; 3 -> 0.5 -> 1, -1 = 0; 1 -> -0.5 -> -1, -1 = -2; -128 -> -65 - 1; 127 -> 62.5 -> 63, -1 = 62
    CHECK(read(net) == std::vector<int>{100, -100, -1, 0, -2, -66, 62, -2});
}
