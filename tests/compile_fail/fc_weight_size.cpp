// A FULLY_CONNECTED layer's weight array must hold units * depth values;
// a wrong size is a compile error naming the rule, never a silent overread.
//
// expect: weight array size must be units \* depth
#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace {
#ifdef CTNN_COMPILE_FAIL_CONTROL
alignas(16) inline constexpr std::int8_t weights[2 * 4] = {1, 2, 3, 4, 5, 6, 7, 8};
#else
alignas(16) inline constexpr std::int8_t weights[7] = {1, 2, 3, 4, 5, 6, 7};  // one short
#endif
alignas(16) inline constexpr std::int32_t bias[2] = {0, 0};
inline constexpr float weight_scales[1] = {0.5f};

using model = ctnn::graph<
    ctnn::input<ctnn::shape<1, 4>, ctnn::quant{0.5f, 0}>,
    ctnn::fully_connected<ctnn::from<0>, ctnn::fully_connected_params{.units = 2, .depth = 4},
                          ctnn::quant{0.25f, 0}, weights, bias, weight_scales>>;
}  // namespace

static_assert(model::macs == 8);
