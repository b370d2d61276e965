// RESHAPE / SQUEEZE have no kernel: ctnn::network skips them and the next
// op reads the aliased bytes in place.
#include "ctnn/ops/reshape.hpp"
#include "ctnn/ctnn.hpp"
#include "ctnn/kernels/scalar/relu.hpp"
#include "ctnn/ops/relu.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cstdint>
#include <vector>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
constexpr quant q{0.5f, 0};

// relu -> reshape -> squeeze -> relu: the aliases share node 1's buffer.
using model = ctnn::graph<ctnn::input<shape<1, 2, 2, 2>, q>,                              //
                          ctnn::relu<from<0>, ctnn::activation::relu, q>,                 // 1
                          ctnn::reshape<from<1>, shape<1, 1, 8>>,                         // 2: alias of 1
                          ctnn::squeeze<from<2>, shape<8>>,                               // 3: alias of 1
                          ctnn::relu<from<3>, ctnn::activation::relu6, quant{1.0f, 0}>>;  // 4
}  // namespace

TEST_CASE("reshape: the network runs around aliases, bytes unchanged", "[kernels][reshape]") {
    STATIC_REQUIRE(model::memory_plan.storage_of[3] == 1);
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::vector<int> x{-4, 3, 8, 20, -1, 0, 11, 1};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = static_cast<std::int8_t>(x[i]);

    std::vector<std::size_t> ran;
    int squeezed_after_relu = 0;
    for (net.start(); !net.done(); net.step()) {
        ran.push_back(net.next_layer());
        if (net.next_layer() == 4) squeezed_after_relu = net.tensor_at<3>()[3];  // node 1 has run
    }
    CHECK(ran == std::vector<std::size_t>{1, 4});  // inputs and aliases cost no step
    CHECK(squeezed_after_relu == 20);              // the squeezed view reads relu's output

    // relu at scale 0.5, then relu6 at scale 1: round(q / 2) clamped to [0, 6].
    std::vector<int> y;
    for (auto v : net.output()) y.push_back(v);
    CHECK(y == std::vector<int>{0, 2, 4, 6, 0, 0, 6, 1});
    // The last relu reads the aliases and writes in place over their storage.
    STATIC_REQUIRE(model::memory_plan.storage_of[4] == 1);
}
