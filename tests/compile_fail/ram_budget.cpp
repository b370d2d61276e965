// A model whose arena is larger than the board's RAM does not compile, and
// the error shows needed vs available bytes.
//
// Input [1, 100, 100, 4] int8 (40000 bytes) and the FULLY_CONNECTED output
// [10000, 4] (40000 bytes) are live together: 80000 bytes of arena against
// the Seeeduino XIAO's 32 KiB (SAMD21). The control variant holds the same
// model against the Arduino Nano 33 BLE Sense (256 KiB).
//
// expect: arena_bytes_exceed_ram<80000, 32768>
#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace {
alignas(16) inline constexpr std::int8_t weights[4 * 4] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
alignas(16) inline constexpr std::int32_t bias[4] = {0, 0, 0, 0};
inline constexpr float weight_scales[1] = {0.5f};

using model = ctnn::graph<
    ctnn::input<ctnn::shape<1, 100, 100, 4>, ctnn::quant{0.5f, 0}>,
    ctnn::fully_connected<ctnn::from<0>, ctnn::fully_connected_params{.units = 4, .depth = 4},
                          ctnn::quant{0.25f, 0}, weights, bias, weight_scales>>;
static_assert(model::arena_bytes == 80000);
}  // namespace

#ifdef CTNN_COMPILE_FAIL_CONTROL
static_assert(ctnn::fits<model, ctnn::boards::arduino_nano_33_ble_sense>);
#else
static_assert(ctnn::fits<model, ctnn::boards::seeeduino_xiao>);
#endif
