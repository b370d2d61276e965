// ctnn::graph as a DAG: residual edges, concatenation, constant operands,
// and the per-layer table, run end to end through ctnn::network.
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>

namespace {

using ctnn::from;
using ctnn::quant;
using ctnn::shape;

constexpr quant q{0.5f, 0};

// A per-channel constant added to the input, then concatenated with the input.
alignas(16) inline constexpr std::int8_t offsets[4] = {2, -2, 10, 0};

using dag = ctnn::graph<
    ctnn::input<shape<1, 2, 2, 4>, q>,                                                // 0
    ctnn::constant<shape<4>, q, offsets>,                                              // 1: flash, no arena bytes
    ctnn::add<from<0, 1>, ctnn::elementwise_params{}, q>,                             // 2: x + c (broadcast)
    ctnn::relu<from<2>, ctnn::activation::relu, q>,                                    // 3: in place over 2
    ctnn::concatenation<from<3, 0>, ctnn::concatenation_params{.axis = 3}, q>>;        // 4: reads 0 again

static_assert(dag::layer<1>::kind == ctnn::node_kind::constant);
static_assert(dag::in_flash<1> && !dag::in_flash<2>);
static_assert(std::is_same_v<dag::tensor<2>::shape_type, shape<1, 2, 2, 4>>, "broadcast of [4] over NHWC");
static_assert(std::is_same_v<dag::tensor<4>::shape_type, shape<1, 2, 2, 8>>);
static_assert(dag::memory_plan.storage_of[3] == 2, "relu runs in place");
static_assert(dag::weight_bytes == sizeof(offsets) + dag::layer<2>::weight_bytes, "the constant counts as flash");
// Input (16 B) lives to step 4, tensor 2/3 (16 B) and the output (32 B) meet at step 4.
static_assert(dag::live_bytes_bound == 16 + 16 + 32);
static_assert(dag::arena_bytes == dag::live_bytes_bound);
static_assert(dag::table[1].op == "CONSTANT" && dag::table[4].op == "CONCATENATION");

}  // namespace

TEST_CASE("a DAG with a constant operand and a skip edge runs end to end", "[graph]") {
    static ctnn::network<dag, ctnn::isa::scalar> net;
    const std::array<std::int8_t, 16> x{-5, 0, 3, 7, 1, 2, -20, -1, 100, 120, 10, -128, 0, 0, 0, 0};
    for (std::size_t i = 0; i < x.size(); ++i) net.input()[i] = x[i];
    net.invoke();
    const auto y = net.output();
    for (std::size_t p = 0; p < 4; ++p) {
        for (std::size_t c = 0; c < 4; ++c) {
            // Same scales everywhere: ADD is exact up to saturation, relu clamps at 0.
            int sum = x[p * 4 + c] + offsets[c];
            sum = sum > 127 ? 127 : sum;
            const int expected = sum < 0 ? 0 : sum;
            INFO("pixel " << p << " channel " << c);
            CHECK(y[p * 8 + c] == expected);
            CHECK(y[p * 8 + 4 + c] == x[p * 4 + c]);
        }
    }
    CHECK(net.tensor_at<1>()[2] == 10);  // the constant is read from flash
}
