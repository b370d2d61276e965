// kernels/scalar/dequantize.hpp: DEQUANTIZE int8 -> float.
#include "ctnn/kernels/scalar/dequantize.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

#include <array>
#include <cstdint>

namespace {
using ctnn::from;
using ctnn::quant;
using ctnn::shape;
}  // namespace

TEST_CASE("dequantize: scale * (q - zero point)", "[kernels][dequantize]") {
    using model = ctnn::graph<ctnn::input<shape<4>, quant{0.5f, 3}>, ctnn::dequantize<from<0>>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<int, 4> q{7, 3, -128, 127};
    for (std::size_t i = 0; i < q.size(); ++i) net.input()[i] = static_cast<std::int8_t>(q[i]);
    net.invoke();
    CHECK(net.output()[0] == 2.0f);
    CHECK(net.output()[1] == 0.0f);
    CHECK(net.output()[2] == -65.5f);
    CHECK(net.output()[3] == 62.0f);
}

TEST_CASE("dequantize: golden floats from the TFLite interpreter", "[kernels][dequantize]") {
    // Provenance: fixture floatio_relu (its DEQUANTIZE), ai-edge-litert 1.4 BUILTIN_REF; bit-exact compare.
    using model = ctnn::graph<ctnn::input<shape<6>, quant{0x1.40ef3ep-6f, -128}>, ctnn::dequantize<from<0>>>;
    static ctnn::network<model, ctnn::isa::scalar> net;
    const std::array<int, 6> q{-128, 82, -96, 108, 80, -26};
    const std::array<float, 6> x{0.0f, 0x1.074440p+2f, 0x1.40ef3ep-1f, 0x1.27dc8ep+2f, 0x1.04c262p+2f, 0x1.ff7d4ap+0f};
    for (std::size_t i = 0; i < q.size(); ++i) net.input()[i] = static_cast<std::int8_t>(q[i]);
    net.invoke();
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(net.output()[i] == x[i]);
}
