// A model whose constant data is larger than the flash budget does not
// compile, and the error shows needed vs available bytes.
//
// FULLY_CONNECTED 300 x 1000: 300000 weight bytes + 1200 bias bytes + one
// per-tensor requantization record (8 bytes) = 301208 bytes of flash against
// a 256 KiB budget. The control variant allows 512 KiB.
//
// expect: weight_bytes_exceed_flash<301208, 262144>
#include <cstddef>
#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace {
alignas(16) inline constexpr std::int8_t weights[300 * 1000] = {};
alignas(16) inline constexpr std::int32_t bias[300] = {};
inline constexpr float weight_scales[1] = {0.01f};

using model = ctnn::graph<
    ctnn::input<ctnn::shape<1, 1000>, ctnn::quant{0.1f, -3}>,
    ctnn::fully_connected<ctnn::from<0>, ctnn::fully_connected_params{.units = 300, .depth = 1000},
                          ctnn::quant{0.2f, 5}, weights, bias, weight_scales>>;

#ifdef CTNN_COMPILE_FAIL_CONTROL
constexpr std::size_t flash_budget = 512 * 1024;
#else
constexpr std::size_t flash_budget = 256 * 1024;
#endif
}  // namespace

static_assert(ctnn::fits_budget<model, 64 * 1024, flash_budget>);
