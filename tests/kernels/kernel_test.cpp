// Every arm_dsp kernel variant of variants.inc against the scalar reference, on the emulated
// core: the same model (one input node and the layer) is run by ctnn::network<M, isa::arm_dsp>
// and ctnn::network<M, isa::scalar> on pseudo-random inputs over the full int8 range, and every
// output byte must be equal. Weights, biases, scales and zero points are pseudo-random too
// (compile-time, from the variant's seed). Prints one line per variant: which kernel ran
// (the DSP code or its scalar fallback), instructions of both, mismatches.
//
// On a core with Helium (Cortex-M55) the ISA under test is arm_mve, the default there: its
// kernels, and where it has none or declines a shape, arm_dsp's (kernels/isa.hpp).
// On a core without the DSP extension the arm_dsp kernels are the scalar ones (kernels/isa.hpp),
// so the test still builds and passes there, trivially.
#include <array>
#include <cstdint>
#include <cstdio>
#include <type_traits>

#include <ctnn/ctnn.hpp>

#include "platform.hpp"
#include "variant_data.hpp"

namespace kt {

/// Whether kernel K runs layer L with DSP code (false where the arm_dsp kernels are the scalar ones).
template <class K, class L>
constexpr bool specialized() {
    if constexpr (requires { K::template specialized<L>; })
        return K::template specialized<L>;
    else
        return false;
}
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)
inline constexpr bool dsp_available = true;
#else
inline constexpr bool dsp_available = false;
#endif

/// "fast" or "exact": which requantization the DSP kernel of a layer with `taps` products per
/// output uses (kernels/arm_dsp/bits/requant.hpp); "-" where there is none.
template <class L, std::int64_t Taps>
const char* requant_kind() {
#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(__ARM_BIG_ENDIAN)
    return ctnn::arm_dsp::requant_plan<L, ctnn::arm_dsp::accumulator_bound<L>(Taps)>::fast ? "fast" : "exact";
#else
    return "-";
#endif
}

int failures = 0;

/// The ISA under test: arm_mve on Helium cores (its kernels, falling back to arm_dsp's), else arm_dsp.
inline constexpr ctnn::isa tested = ctnn::default_isa == ctnn::isa::arm_mve ? ctnn::isa::arm_mve : ctnn::isa::arm_dsp;
inline constexpr const char* tested_name = tested == ctnn::isa::arm_mve ? "arm_mve" : "arm_dsp";

/// Runs model M with both ISAs on `cases` inputs; prints a line; counts a failure on mismatch.
template <class M, bool Specialized>
void run(const char* name, const char* op, const char* requant) {
    static ctnn::network<M, tested> dsp;
    static ctnn::network<M, ctnn::isa::scalar> ref;
    constexpr int cases = 3;
    int mismatches = 0;
    std::uint64_t dsp_instructions = 0, ref_instructions = 0;
    for (int c = 0; c < cases; ++c) {
        auto in_d = dsp.input();
        auto in_r = ref.input();
        std::uint32_t x = mix(static_cast<std::uint32_t>(c) * 0x27D4EB2Fu + 0x165667B1u) | 1u;
        for (std::size_t i = 0; i < decltype(in_d)::extent; ++i) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            const auto v = static_cast<std::int8_t>(static_cast<std::int32_t>(x & 0xFFu) - 128);
            in_d[i] = v;
            in_r[i] = v;
        }
        dsp_instructions += fw::measure([] { dsp.invoke(); }).instructions;
        ref_instructions += fw::measure([] { ref.invoke(); }).instructions;
        const auto out_d = dsp.output();
        const auto out_r = ref.output();
        for (std::size_t i = 0; i < decltype(out_d)::extent; ++i) {
            if (out_d[i] != out_r[i]) {
                if (mismatches < 4)
                    std::printf("  %s case %d [%u]: %s %d, scalar %d\n", name, c, static_cast<unsigned>(i), tested_name,
                                static_cast<int>(out_d[i]), static_cast<int>(out_r[i]));
                ++mismatches;
            }
        }
    }
    std::printf("%-30s %-17s %-8s %-5s %9s vs %9s instructions  %s\n", name, op, Specialized ? tested_name : "fallback",
                Specialized ? requant : "-",
                fw::decimal(dsp_instructions).text, fw::decimal(ref_instructions).text,
                mismatches == 0 ? "equal" : "MISMATCH");
    if (mismatches != 0) ++failures;
}

}  // namespace kt

// ---- the variants as models ----------------------------------------------------------------

#define CTNN_CONV_COMMON(A_name, A_seed, A_n, A_h, A_w, A_c, A_fc, A_oc, A_kh, A_kw, A_sh, A_sw, A_dh, A_dw, A_pad, A_act, A_q)                          \
    namespace v_##A_name {                                                                                        \
    constexpr kt::qparams qp = kt::quantization(A_q);                                                             \
    alignas(16) inline constexpr auto filter = kt::int8s<(A_oc) * (A_kh) * (A_kw) * (A_fc)>(A_seed);                      \
    alignas(16) inline constexpr auto bias = kt::biases<(A_oc)>(A_seed, qp.bias_range);                             \
    alignas(16) inline constexpr auto scales = kt::scales<kt::per_channel(A_seed) ? (A_oc) : 1>(A_seed, qp.w_scale);  \
    template <const auto& Bias>                                                                                 \
    using model_with = ctnn::graph<                                                                             \
        ctnn::input<ctnn::shape<A_n, A_h, A_w, A_c>, ctnn::quant{qp.in_scale, kt::zero_point(A_seed, 1)}>,                \
        ctnn::conv2d<ctnn::from<0>,                                                                             \
                     ctnn::conv2d_params{.out_channels = A_oc, .kernel_h = A_kh, .kernel_w = A_kw, .in_channels = A_fc, \
                                         .stride_h = A_sh, .stride_w = A_sw, .dilation_h = A_dh, .dilation_w = A_dw,    \
                                         .pad = ctnn::padding::A_pad, .act = ctnn::activation::A_act},              \
                     ctnn::quant{qp.out_scale, kt::output_zero_point(A_seed, A_q)}, filter, Bias, scales>>;                \
    using model = std::conditional_t<kt::with_bias(A_seed), model_with<bias>, model_with<ctnn::none>>;             \
    void test() {                                                                                               \
        using L = model::layer<1>;                                                                              \
        kt::run<model, kt::specialized<ctnn::kernel<kt::tested, ctnn::conv2d_tag>, L>()>(#A_name, "CONV_2D",    \
                    kt::requant_kind<L, (A_kh) * (A_kw) * (A_fc)>());   \
    }                                                                                                           \
    }

#define CTNN_CONV(A_name, A_seed, A_n, A_h, A_w, A_c, A_oc, A_kh, A_kw, A_sh, A_sw, A_dh, A_dw, A_pad, A_act, A_q) \
    CTNN_CONV_COMMON(A_name, A_seed, A_n, A_h, A_w, A_c, A_c, A_oc, A_kh, A_kw, A_sh, A_sw, A_dh, A_dw, A_pad, A_act, A_q)
#define CTNN_GROUPED_CONV(A_name, A_seed, A_n, A_h, A_w, A_c, A_fc, A_oc, A_kh, A_kw, A_pad, A_act, A_q) \
    CTNN_CONV_COMMON(A_name, A_seed, A_n, A_h, A_w, A_c, A_fc, A_oc, A_kh, A_kw, 1, 1, 1, 1, A_pad, A_act, A_q)

#define CTNN_DW(A_name, A_seed, A_n, A_h, A_w, A_c, A_m, A_kh, A_kw, A_sh, A_sw, A_dh, A_dw, A_pad, A_act, A_q)                                      \
    namespace v_##A_name {                                                                                            \
    constexpr kt::qparams qp = kt::quantization(A_q);                                                                 \
    alignas(16) inline constexpr auto filter = kt::int8s<(A_kh) * (A_kw) * (A_c) * (A_m)>(A_seed);                            \
    alignas(16) inline constexpr auto bias = kt::biases<(A_c) * (A_m)>(A_seed, qp.bias_range);                            \
    alignas(16) inline constexpr auto scales = kt::scales<kt::per_channel(A_seed) ? (A_c) * (A_m) : 1>(A_seed, qp.w_scale); \
    template <const auto& Bias>                                                                                     \
    using model_with = ctnn::graph<                                                                                 \
        ctnn::input<ctnn::shape<A_n, A_h, A_w, A_c>, ctnn::quant{qp.in_scale, kt::zero_point(A_seed, 1)}>,                    \
        ctnn::depthwise_conv2d<ctnn::from<0>,                                                                       \
                               ctnn::depthwise_conv2d_params{.kernel_h = A_kh, .kernel_w = A_kw, .depth_multiplier = A_m, \
                                                             .stride_h = A_sh, .stride_w = A_sw, .dilation_h = A_dh,      \
                                                             .dilation_w = A_dw, .pad = ctnn::padding::A_pad,           \
                                                             .act = ctnn::activation::A_act},                         \
                               ctnn::quant{qp.out_scale, kt::output_zero_point(A_seed, A_q)}, filter, Bias, scales>>;          \
    using model = std::conditional_t<kt::with_bias(A_seed), model_with<bias>, model_with<ctnn::none>>;                 \
    void test() {                                                                                                   \
        using L = model::layer<1>;                                                                                  \
        kt::run<model, kt::specialized<ctnn::kernel<kt::tested, ctnn::depthwise_conv2d_tag>, L>()>(               \
            #A_name, "DEPTHWISE_CONV_2D", kt::requant_kind<L, (A_kh) * (A_kw)>());                                                                            \
    }                                                                                                               \
    }

#define CTNN_FC(A_name, A_seed, A_b, A_units, A_depth, A_act, A_q)                                                                  \
    namespace v_##A_name {                                                                                              \
    constexpr kt::qparams qp = kt::quantization(A_q);                                                                   \
    alignas(16) inline constexpr auto weights = kt::int8s<(A_units) * (A_depth)>(A_seed);                                   \
    alignas(16) inline constexpr auto bias = kt::biases<(A_units)>(A_seed, qp.bias_range);                                \
    alignas(16) inline constexpr auto scales = kt::scales<kt::per_channel(A_seed) ? (A_units) : 1>(A_seed, qp.w_scale);     \
    template <const auto& Bias>                                                                                       \
    using model_with = ctnn::graph<                                                                                   \
        ctnn::input<ctnn::shape<A_b, A_depth>, ctnn::quant{qp.in_scale, kt::zero_point(A_seed, 1)}>,                        \
        ctnn::fully_connected<ctnn::from<0>,                                                                          \
                              ctnn::fully_connected_params{.units = A_units, .depth = A_depth, .act = ctnn::activation::A_act}, \
                              ctnn::quant{qp.out_scale, kt::output_zero_point(A_seed, A_q)}, weights, Bias, scales>>;            \
    using model = std::conditional_t<kt::with_bias(A_seed), model_with<bias>, model_with<ctnn::none>>;                   \
    void test() { kt::run<model, kt::dsp_available>(#A_name, "FULLY_CONNECTED", "1-round"); }                                                   \
    }

#define CTNN_ADDSUB(A_name, A_seed, A_op, A_n, A_h, A_w, A_c, A_act, A_s1, A_s2, A_so)                        \
    namespace v_##A_name {                                                                                  \
    using shape_type = ctnn::shape<A_n, A_h, A_w, A_c>;                                                     \
    alignas(16) inline constexpr auto operand = kt::int8s<(A_n) * (A_h) * (A_w) * (A_c)>(A_seed);           \
    using model = ctnn::graph<                                                                              \
        ctnn::input<shape_type, ctnn::quant{A_s1, kt::zero_point(A_seed, 1)}>,                              \
        ctnn::constant<shape_type, ctnn::quant{A_s2, kt::zero_point(A_seed, 2)}, operand>,                  \
        ctnn::A_op<ctnn::from<0, 1>, ctnn::elementwise_params{.act = ctnn::activation::A_act},              \
                   ctnn::quant{A_so, kt::zero_point(A_seed, 3)}>>;                                          \
    void test() {                                                                                           \
        using L = model::layer<2>;                                                                          \
        kt::run<model, kt::specialized<ctnn::kernel<kt::tested, ctnn::A_op##_tag>, L>()>(#A_name, #A_op, "fast"); \
    }                                                                                                       \
    }

#include "variants.inc"

#undef CTNN_CONV
#undef CTNN_GROUPED_CONV
#undef CTNN_DW
#undef CTNN_FC
#undef CTNN_ADDSUB

int main() {
    std::printf("%s kernels vs scalar on %s (default ISA of this build: %s)\n", kt::tested_name, CTNN_FW_CORE,
                ctnn::default_isa == ctnn::isa::scalar ? "scalar" : "not scalar");
#define CTNN_CONV(name, ...) v_##name::test();
#define CTNN_GROUPED_CONV(name, ...) v_##name::test();
#define CTNN_DW(name, ...) v_##name::test();
#define CTNN_FC(name, ...) v_##name::test();
#define CTNN_ADDSUB(name, ...) v_##name::test();
#include "variants.inc"
    std::printf("%s: %d variant(s) differ\n", kt::failures == 0 ? "PASS" : "FAIL", kt::failures);
    return kt::failures == 0 ? 0 : 1;
}
