// ctnn/kernels/isa.hpp — instruction-set detection and kernel dispatch.
//
// Kernels are `kernel<isa, OpTag>` specializations. A missing specialization
// inherits the kernel of the parent ISA (ruy's Path fallback), ending at the
// scalar reference, which every ISA can run and which is never tuned:
//
//   scalar <- arm_dsp <- arm_mve      (Cortex-M4/M7/M33, then M55/M85)
//   scalar <- neon                    (AArch64, with dot product)
//   scalar <- sse41 <- avx2           (x86-64)
//
// The detected ISA can be overridden by defining CTNN_FORCE_ISA to one of
// the enumerator names before including ctnn (e.g. -DCTNN_FORCE_ISA=scalar),
// or per network: ctnn::network<Model, ctnn::isa::scalar>.
#pragma once

#include <cstdint>

namespace ctnn {

enum class isa : std::uint8_t { scalar, arm_dsp, arm_mve, neon, sse41, avx2 };

/// The ISA whose kernels a missing specialization falls back to.
constexpr isa parent_isa(isa i) noexcept {
    switch (i) {
        case isa::arm_mve: return isa::arm_dsp;
        case isa::avx2: return isa::sse41;
        default: return isa::scalar;
    }
}

constexpr isa detected_isa() noexcept {
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
    return isa::arm_mve;
#elif defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
    return isa::arm_dsp;
#elif defined(__ARM_NEON) && defined(__aarch64__)
    return isa::neon;
#elif defined(__AVX2__)
    return isa::avx2;
#elif defined(__SSE4_1__)
    return isa::sse41;
#else
    return isa::scalar;
#endif
}

#if defined(CTNN_FORCE_ISA)
inline constexpr isa default_isa = isa::CTNN_FORCE_ISA;
#else
inline constexpr isa default_isa = detected_isa();
#endif

/// The kernel computing op `OpTag` on ISA `I`. Specialized in
/// kernels/<isa>/<op>.hpp; the scalar ones in kernels/scalar/ are the spec.
/// Every specialization provides
///   template <class Layer>
///   static void run(const void* const* inputs, void* output, void* scratch);
template <isa I, class OpTag>
struct kernel : kernel<parent_isa(I), OpTag> {};

template <class OpTag>
struct kernel<isa::scalar, OpTag> {
    static_assert(sizeof(OpTag) == 0,
                  "ctnn: no scalar kernel for this op; include its kernels/scalar/<op>.hpp (or ctnn/ctnn.hpp)");
};

}  // namespace ctnn
