// ctnn/kernels/isa.hpp: the fallback chain and dispatch.
#include "ctnn/kernels/isa.hpp"

#include <catch2/catch_test_macros.hpp>

#include <type_traits>

namespace {
struct probe_tag {};
}  // namespace

// A kernel specialized for scalar only: every ISA falls back to it.
template <>
struct ctnn::kernel<ctnn::isa::scalar, probe_tag> {
    static constexpr int which = 1;
};
// ... and one for arm_dsp: arm_mve inherits it, neon and x86 do not.
template <>
struct ctnn::kernel<ctnn::isa::arm_dsp, probe_tag> {
    static constexpr int which = 2;
};

static_assert(ctnn::parent_isa(ctnn::isa::arm_mve) == ctnn::isa::arm_dsp);
static_assert(ctnn::parent_isa(ctnn::isa::arm_dsp) == ctnn::isa::scalar);
static_assert(ctnn::parent_isa(ctnn::isa::avx2) == ctnn::isa::sse41);
static_assert(ctnn::parent_isa(ctnn::isa::sse41) == ctnn::isa::scalar);
static_assert(ctnn::parent_isa(ctnn::isa::neon) == ctnn::isa::scalar);

static_assert(ctnn::kernel<ctnn::isa::scalar, probe_tag>::which == 1);
static_assert(ctnn::kernel<ctnn::isa::arm_dsp, probe_tag>::which == 2);
static_assert(ctnn::kernel<ctnn::isa::arm_mve, probe_tag>::which == 2, "MVE inherits the DSP kernel");
static_assert(ctnn::kernel<ctnn::isa::avx2, probe_tag>::which == 1, "x86 falls back to scalar");
static_assert(ctnn::kernel<ctnn::isa::neon, probe_tag>::which == 1);

TEST_CASE("the detected ISA matches the compiler's target", "[isa]") {
#if defined(__AVX2__)
    CHECK(ctnn::detected_isa() == ctnn::isa::avx2);
#elif defined(__SSE4_1__)
    CHECK(ctnn::detected_isa() == ctnn::isa::sse41);
#elif defined(__aarch64__) && defined(__ARM_NEON)
    CHECK(ctnn::detected_isa() == ctnn::isa::neon);
#else
    CHECK(ctnn::detected_isa() == ctnn::isa::scalar);
#endif
}
