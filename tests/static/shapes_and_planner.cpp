// Compile-only checks: shapes, quantization, graph shape inference, planner offsets.
#include "ctnn/ctnn.hpp"

using ctnn::from;
using ctnn::quant;
using ctnn::shape;

static_assert(shape<1, 96, 96, 1>::elements == 9216);
static_assert(shape<1, 96, 96, 1>::rank == 4 && shape<1, 96, 96, 1>::dim(-1) == 1 && shape<2, 3>::dim(0) == 2);
static_assert(ctnn::nhwc<shape<1, 48, 40, 8>>::height == 48 && ctnn::nhwc<shape<1, 48, 40, 8>>::channels == 8);
static_assert(std::is_same_v<ctnn::shape_from_array<std::array<int, 2>{4, 5}>, shape<4, 5>>);

constexpr quant q{0.5f, -3};
static_assert(q.scale() == 0.5f && q.zero_point == -3);
static_assert(ctnn::quantize_value(1.0f, q) == -1 && ctnn::quantize_value(1000.0f, q) == 127);
static_assert(ctnn::dequantize_value<std::int8_t>(-1, q) == 1.0f);

// Activation ranges as TFLite's CalculateActivationRangeQuantized.
static_assert(ctnn::quantized_activation_range(ctnn::activation::relu, quant{0.1f, -10}).min == -10);
static_assert(ctnn::quantized_activation_range(ctnn::activation::relu6, quant{0.1f, -10}).max == 50);
static_assert(ctnn::quantized_activation_range(ctnn::activation::relu6, quant{0.01f, 0}).max == 127);
static_assert(ctnn::quantized_activation_range(ctnn::activation::relu_n1_to_1, quant{0.1f, 0}).min == -10);
static_assert(ctnn::quantized_activation_range(ctnn::activation::none, quant{0.1f, 0}).min == -128);

// A three-layer MLP: shapes flow through FULLY_CONNECTED, the planner ping-pongs.
alignas(16) inline constexpr std::int8_t w1[16 * 8] = {};
alignas(16) inline constexpr std::int8_t w2[4 * 16] = {};
alignas(16) inline constexpr std::int8_t w3[2 * 4] = {};
inline constexpr std::int32_t b1[16] = {};
inline constexpr float s1[1] = {0.01f};
inline constexpr float s2[4] = {0.01f, 0.02f, 0.03f, 0.04f};

using mlp = ctnn::graph<
    ctnn::input<shape<1, 8>, quant{0.1f, 0}>,
    ctnn::fully_connected<from<0>, ctnn::fully_connected_params{.units = 16, .depth = 8, .act = ctnn::activation::relu},
                          quant{0.2f, -128}, w1, b1, s1>,
    ctnn::fully_connected<from<1>, ctnn::fully_connected_params{.units = 4, .depth = 16}, quant{0.2f, 0}, w2,
                          ctnn::none, s2>,
    ctnn::fully_connected<from<2>, ctnn::fully_connected_params{.units = 2, .depth = 4}, quant{0.2f, 0}, w3,
                          ctnn::none, s1>>;

static_assert(std::is_same_v<mlp::tensor<1>::shape_type, shape<1, 16>>);
static_assert(std::is_same_v<mlp::tensor<3>::shape_type, shape<1, 2>>);
static_assert(mlp::macs == 8 * 16 + 16 * 4 + 4 * 2);
static_assert(mlp::weight_bytes == (128 + 64 + 8) + 16 * 4 + (1 + 4 + 1) * sizeof(ctnn::requant));
static_assert(mlp::layer<2>::per_channel && !mlp::layer<1>::per_channel);
// Chain: every tensor rounds up to 16 bytes; two live at a time.
static_assert(mlp::live_bytes_bound == 32);
static_assert(mlp::arena_bytes == 32);
static_assert(mlp::offset<0> != mlp::offset<1> && mlp::offset<1> != mlp::offset<2> && mlp::offset<0> == mlp::offset<2>);
static_assert(mlp::input_nodes.size() == 1 && mlp::input_nodes[0] == 0 && mlp::output_nodes[0] == 3);
static_assert(mlp::table[1].op == "FULLY_CONNECTED" && mlp::table[1].macs == 128);

// The planner on its own: a residual block (0 -> 1 -> 2, add(1, 2) -> 3).
constexpr auto residual = [] {
    std::array<ctnn::planner::node_request, 4> r{};
    r[0] = {.output_bytes = 100, .is_input = true};
    r[1] = {.output_bytes = 200, .input_count = 1, .inputs = {0}};
    r[2] = {.output_bytes = 200, .input_count = 1, .inputs = {1}};
    r[3] = {.output_bytes = 200, .is_output = true, .in_place = true, .input_count = 2, .inputs = {2, 1}};
    return ctnn::planner::make_plan(r);
}();
// The ADD writes its output over tensor 2 (read by nobody later), so at most
// tensors 1 and 2 are alive at once.
static_assert(residual.storage_of[3] == 2, "the residual ADD runs in place over its input 0");
static_assert(residual.live_bytes_bound == 208 + 208);
static_assert(residual.arena_bytes == residual.live_bytes_bound);

int main() { return 0; }
