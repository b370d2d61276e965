// Host kernel test: every variant of variants.inc run by the kernels of the ISA this file is
// compiled for (ctnn::default_isa: avx2 with -mavx2 or sse41 with -msse4.1 on x86-64, neon on
// AArch64, with or without the dot product) and by the
// scalar reference; every output byte must be equal. Same models, weights and inputs as the
// firmware test (kernel_test.cpp). Prints one line per variant: which kernel ran (the SIMD code
// or its scalar fallback), nanoseconds of both, mismatches. Skips (exit 77 -> ctest SKIP) when
// the CPU lacks the ISA the file was compiled for.
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <type_traits>

#include <ctnn/ctnn.hpp>

#include "variant_data.hpp"

namespace kt {

inline constexpr ctnn::isa simd = ctnn::default_isa;

template <class K, class L>
constexpr bool specialized() {
    if constexpr (requires { K::template specialized<L>; })
        return K::template specialized<L>;
    else
        return false;
}

constexpr const char* isa_name(ctnn::isa i) noexcept {
    switch (i) {
        case ctnn::isa::avx2: return "avx2";
        case ctnn::isa::sse41: return "sse41";
        case ctnn::isa::neon: return "neon";
        case ctnn::isa::scalar: return "scalar";
        default: return "other";
    }
}

int failures = 0;

template <class F>
long long nanoseconds(F f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
}

template <class M, bool Specialized>
void run(const char* name, const char* op) {
    static ctnn::network<M, simd> fast;
    static ctnn::network<M, ctnn::isa::scalar> ref;
    constexpr int cases = 3;
    int mismatches = 0;
    long long t_fast = 0, t_ref = 0;
    for (int c = 0; c < cases; ++c) {
        auto in_f = fast.input();
        auto in_r = ref.input();
        std::uint32_t x = mix(static_cast<std::uint32_t>(c) * 0x27D4EB2Fu + 0x165667B1u) | 1u;
        for (std::size_t i = 0; i < decltype(in_f)::extent; ++i) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            const auto v = static_cast<std::int8_t>(static_cast<std::int32_t>(x & 0xFFu) - 128);
            in_f[i] = v;
            in_r[i] = v;
        }
        t_fast += nanoseconds([] { fast.invoke(); });
        t_ref += nanoseconds([] { ref.invoke(); });
        const auto out_f = fast.output();
        const auto out_r = ref.output();
        for (std::size_t i = 0; i < decltype(out_f)::extent; ++i) {
            if (out_f[i] != out_r[i]) {
                if (mismatches < 4)
                    std::printf("  %s case %d [%u]: %s %d, scalar %d\n", name, c, static_cast<unsigned>(i), isa_name(simd),
                                static_cast<int>(out_f[i]), static_cast<int>(out_r[i]));
                ++mismatches;
            }
        }
    }
    std::printf("%-30s %-17s %-8s %9lld vs %9lld ns  %s\n", name, op, Specialized ? isa_name(simd) : "fallback", t_fast,
                t_ref, mismatches == 0 ? "equal" : "MISMATCH");
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
        kt::run<model, kt::specialized<ctnn::kernel<kt::simd, ctnn::conv2d_tag>, L>()>(#A_name, "CONV_2D");   \
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
        kt::run<model, kt::specialized<ctnn::kernel<kt::simd, ctnn::depthwise_conv2d_tag>, L>()>(#A_name, "DEPTHWISE_CONV_2D");                                                                            \
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
    void test() { kt::run<model, kt::specialized<ctnn::kernel<kt::simd, ctnn::fully_connected_tag>, model::layer<1>>()>(#A_name, "FULLY_CONNECTED"); }                                                   \
    }

// ADD and SUB have Arm DSP kernels only (kernel_test.cpp); the host ISAs run the scalar ones.
#define CTNN_ADDSUB(...)

#include "variants.inc"

#undef CTNN_CONV
#undef CTNN_GROUPED_CONV
#undef CTNN_DW
#undef CTNN_FC

int main() {
#if defined(__AVX2__) && (defined(__GNUC__) || defined(__clang__))
    if (!__builtin_cpu_supports("avx2")) {
        std::printf("SKIP: this CPU has no AVX2 (the test is compiled with -mavx2)\n");
        return 77;
    }
#elif defined(__SSE4_1__) && (defined(__GNUC__) || defined(__clang__))
    if (!__builtin_cpu_supports("sse4.1")) {
        std::printf("SKIP: this CPU has no SSE4.1 (the test is compiled with -msse4.1)\n");
        return 77;
    }
#endif
#if defined(__ARM_FEATURE_DOTPROD)
    std::printf("%s kernels (dot product: SDOT) vs scalar\n", kt::isa_name(kt::simd));
#elif defined(__aarch64__)
    std::printf("%s kernels (no dot product: SMLAL) vs scalar\n", kt::isa_name(kt::simd));
#else
    std::printf("%s kernels vs scalar\n", kt::isa_name(kt::simd));
#endif
#define CTNN_CONV(name, ...) v_##name::test();
#define CTNN_GROUPED_CONV(name, ...) v_##name::test();
#define CTNN_DW(name, ...) v_##name::test();
#define CTNN_FC(name, ...) v_##name::test();
#include "variants.inc"
    std::printf("%s: %d variant(s) differ\n", kt::failures == 0 ? "PASS" : "FAIL", kt::failures);
    return kt::failures == 0 ? 0 : 1;
}
