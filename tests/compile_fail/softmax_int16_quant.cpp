// SOFTMAX int8 -> int16 writes Q0.16 - 32768: its output quantization must be
// TFLite's {1/65536, -32768}; any other is a compile error naming the rule.
//
// expect: the int16 output quantization must be \{1/65536, -32768\}
#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace {
#ifdef CTNN_COMPILE_FAIL_CONTROL
constexpr ctnn::quant out_q{1.0f / 65536, -32768};
#else
constexpr ctnn::quant out_q{1.0f / 32768, 0};  // the int16 -> int16 kernel's, not int8 -> int16's
#endif

using model = ctnn::graph<ctnn::input<ctnn::shape<1, 10>, ctnn::quant{0.1f, 0}>,
                          ctnn::softmax<ctnn::from<0>, ctnn::softmax_params{}, out_q, std::int16_t>>;
}  // namespace

static_assert(model::output_tensor<0>::bytes == 20);
