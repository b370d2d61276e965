// ctnn::network: views, invoke, step-wise execution, multiple outputs.
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>
#include <random>

namespace {

using ctnn::from;
using ctnn::quant;
using ctnn::shape;

template <std::size_t N>
constexpr std::array<std::int8_t, N> pattern(int seed) {
    std::array<std::int8_t, N> a{};
    std::uint32_t x = static_cast<std::uint32_t>(seed) * 2654435761u + 1u;
    for (auto& v : a) {
        x = x * 1664525u + 1013904223u;
        v = static_cast<std::int8_t>(static_cast<std::int32_t>(x >> 24) - 128);
    }
    return a;
}

alignas(16) inline constexpr auto w_a = pattern<32 * 20>(1);
alignas(16) inline constexpr auto w_b = pattern<12 * 32>(2);
alignas(16) inline constexpr auto w_c = pattern<5 * 20>(3);
inline constexpr std::array<std::int32_t, 32> bias_a = [] {
    std::array<std::int32_t, 32> b{};
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::int32_t>(i * 37) - 500;
    return b;
}();
inline constexpr std::array<float, 1> scale_one = {0.02f};
inline constexpr std::array<float, 12> scale_per_channel = {0.01f, 0.02f, 0.03f, 0.015f, 0.025f, 0.005f,
                                                             0.01f, 0.02f, 0.03f, 0.015f, 0.025f, 0.005f};

using mlp = ctnn::graph<
    ctnn::input<shape<2, 20>, quant{0.05f, 3}>,
    ctnn::fully_connected<from<0>, ctnn::fully_connected_params{.units = 32, .depth = 20, .act = ctnn::activation::relu6},
                          quant{0.25f, -100}, w_a, bias_a, scale_one>,
    ctnn::fully_connected<from<1>, ctnn::fully_connected_params{.units = 12, .depth = 32}, quant{0.5f, 7}, w_b,
                          ctnn::none, scale_per_channel>>;

// Two heads reading the same input: a DAG with two outputs.
using two_heads = ctnn::basic_graph<
    ctnn::outputs<1, 2>, ctnn::input<shape<1, 20>, quant{0.05f, 3}>,
    ctnn::fully_connected<from<0>, ctnn::fully_connected_params{.units = 32, .depth = 20}, quant{0.25f, -100}, w_a,
                          bias_a, scale_one>,
    ctnn::fully_connected<from<0>, ctnn::fully_connected_params{.units = 5, .depth = 20}, quant{0.3f, 1}, w_c,
                          ctnn::none, scale_one>>;

// Reference for one FC output, written independently of the kernel.
std::int8_t fc_reference(const std::int8_t* x, const std::int8_t* w, const std::int32_t* bias, int depth, int unit,
                         int in_zp, double real_multiplier, int out_zp, int lo, int hi) {
    std::int64_t acc = bias ? bias[unit] : 0;
    for (int d = 0; d < depth; ++d) acc += static_cast<std::int64_t>(w[unit * depth + d]) * (x[d] - in_zp);
    // FULLY_CONNECTED rounds once: floor((acc * m + 2^(k-1)) / 2^k), k = 31 - shift.
    const ctnn::requant r = ctnn::fixed_point::quantize_multiplier(real_multiplier);
    const int k = 31 - r.shift;
    const std::int64_t scaled = (acc * r.multiplier + (std::int64_t{1} << (k - 1))) >> k;
    std::int32_t y = static_cast<std::int32_t>(scaled) + out_zp;
    y = y < lo ? lo : (y > hi ? hi : y);
    return static_cast<std::int8_t>(y);
}

}  // namespace

TEST_CASE("invoke computes every layer and the views are typed", "[network]") {
    static ctnn::network<mlp, ctnn::isa::scalar> net;
    STATIC_REQUIRE(decltype(net)::arena_bytes == mlp::arena_bytes);
    STATIC_REQUIRE(decltype(net.input())::extent == 40);
    STATIC_REQUIRE(decltype(net.output())::extent == 24);

    std::mt19937 rng(7);
    std::uniform_int_distribution<int> byte(-128, 127);
    auto in = net.input();
    std::array<std::int8_t, 40> x{};
    for (std::size_t i = 0; i < 40; ++i) in[i] = x[i] = static_cast<std::int8_t>(byte(rng));
    net.invoke();

    // Layer 1 by hand, then layer 2 from it.
    const auto range1 = ctnn::quantized_activation_range(ctnn::activation::relu6, quant{0.25f, -100});
    std::array<std::int8_t, 64> h{};
    for (int b = 0; b < 2; ++b)
        for (int u = 0; u < 32; ++u)
            h[static_cast<std::size_t>(b * 32 + u)] =
                fc_reference(x.data() + b * 20, w_a.data(), bias_a.data(), 20, u, 3,
                             ctnn::effective_scale(0.05f, 0.02f, 0.25f), -100, range1.min, range1.max);
    auto out = net.output();
    for (int b = 0; b < 2; ++b)
        for (int u = 0; u < 12; ++u) {
            const auto expected = fc_reference(h.data() + b * 32, w_b.data(), nullptr, 32, u, -100,
                                               ctnn::effective_scale(0.25f, scale_per_channel[static_cast<std::size_t>(u)], 0.5f),
                                               7, -128, 127);
            REQUIRE(out[static_cast<std::size_t>(b * 12 + u)] == expected);
        }
}

TEST_CASE("step-wise execution gives the same bytes as invoke", "[network]") {
    static ctnn::network<mlp, ctnn::isa::scalar> whole;
    static ctnn::network<mlp, ctnn::isa::scalar> stepped;
    std::mt19937 rng(99);
    std::uniform_int_distribution<int> byte(-128, 127);
    for (int trial = 0; trial < 20; ++trial) {
        for (std::size_t i = 0; i < 40; ++i) whole.input()[i] = stepped.input()[i] = static_cast<std::int8_t>(byte(rng));
        whole.invoke();
        int steps = 0;
        for (stepped.start(); !stepped.done(); stepped.step()) ++steps;
        CHECK(steps == 2);  // the input node costs no step
        for (std::size_t i = 0; i < 24; ++i) REQUIRE(whole.output()[i] == stepped.output()[i]);
    }
}

TEST_CASE("a DAG with two outputs exposes both", "[network][graph]") {
    STATIC_REQUIRE(two_heads::output_nodes.size() == 2);
    STATIC_REQUIRE(std::is_same_v<two_heads::output_tensor<1>::shape_type, shape<1, 5>>);
    // Both heads are outputs: alive together at the end, so both are in the arena at once.
    STATIC_REQUIRE(two_heads::arena_bytes >= 32 + 16 + 32);
    static ctnn::network<two_heads> net;
    for (std::size_t i = 0; i < 20; ++i) net.input()[i] = static_cast<std::int8_t>(i * 5);
    net.invoke();
    static ctnn::network<mlp>* unused = nullptr;
    (void)unused;
    const auto head_a = net.output<0>();
    const auto head_b = net.output<1>();
    std::array<std::int8_t, 20> x{};
    for (std::size_t i = 0; i < 20; ++i) x[i] = static_cast<std::int8_t>(i * 5);
    CHECK(head_a[3] == fc_reference(x.data(), w_a.data(), bias_a.data(), 20, 3, 3,
                                    ctnn::effective_scale(0.05f, 0.02f, 0.25f), -100, -128, 127));
    CHECK(head_b[4] == fc_reference(x.data(), w_c.data(), nullptr, 20, 4, 3, ctnn::effective_scale(0.05f, 0.02f, 0.3f),
                                    1, -128, 127));
}

TEST_CASE("float helpers quantize and dequantize like TFLite", "[network]") {
    static ctnn::network<mlp> net;
    std::array<float, 40> real{};
    for (std::size_t i = 0; i < 40; ++i) real[i] = static_cast<float>(i) * 0.1f - 2.0f;
    net.input().quantize_from(real);
    CHECK(net.input()[0] == ctnn::quantize_value(-2.0f, quant{0.05f, 3}));
    CHECK(net.input().real(0) == ctnn::dequantize_value<std::int8_t>(net.input()[0], quant{0.05f, 3}));
    net.invoke();
    std::array<float, 24> y{};
    net.output().dequantize_to(y);
    CHECK(y[5] == net.output().real(5));
    CHECK(net.output().argmax() < 24);
}
