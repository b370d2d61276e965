// An int16 -> int32 QUANTIZE whose scales make x << shift (or the result plus
// the output zero point) overflow int32 for some input is refused: TFLite
// would compute it with undefined behaviour.
//
// expect: this int32 requantization .* can overflow int32
#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace {
#ifdef CTNN_COMPILE_FAIL_CONTROL
constexpr ctnn::quant out_q{1.0f, 0};  // s_in / s_out = 2^14: 32768 << 15 = 2^30 fits
#else
constexpr ctnn::quant out_q{0.25f, 0};  // 2^16: 32768 << 17 = 2^32 does not
#endif

using model = ctnn::graph<ctnn::input<ctnn::shape<1, 4>, ctnn::quant{16384.0f, 0}, std::int16_t>,
                          ctnn::quantize<ctnn::from<0>, out_q, std::int32_t>>;
}  // namespace

static_assert(model::output_tensor<0>::bytes == 16);
