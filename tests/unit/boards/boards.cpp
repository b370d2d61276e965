// Board profiles and budgets (the failing side is in tests/compile_fail).
#include "ctnn/boards/boards.hpp"
#include "ctnn/ctnn.hpp"

#include <catch2/catch_test_macros.hpp>

namespace boards = ctnn::boards;

static_assert(ctnn::Board<boards::arduino_nano_33_ble_sense>);
static_assert(boards::arduino_nano_33_ble_sense::ram_bytes == 256 * 1024);
static_assert(boards::raspberry_pi_pico::ram_bytes == 264 * 1024);
static_assert(boards::seeeduino_xiao::ram_bytes == 32 * 1024);
static_assert(boards::b_l475e_iot01a::flash_bytes == 1024 * 1024);
static_assert(boards::mps3_an547::default_isa == ctnn::isa::arm_mve);

namespace {
alignas(16) inline constexpr std::int8_t weights[64 * 64] = {};
inline constexpr float scales[1] = {0.01f};
using wide = ctnn::graph<ctnn::input<ctnn::shape<1, 64>, ctnn::quant{0.1f, 0}>,
                         ctnn::fully_connected<ctnn::from<0>, ctnn::fully_connected_params{.units = 64, .depth = 64},
                                               ctnn::quant{0.1f, 0}, weights, ctnn::none, scales>>;
}  // namespace

static_assert(ctnn::fits<wide, boards::seeeduino_xiao>);
static_assert(ctnn::fits_budget<wide, 128, 4096 + 8>, "exactly at the limit fits");

TEST_CASE("every board names its MCU and has memory", "[boards]") {
    const auto check = []<class B>(B) {
        CHECK(!B::name.empty());
        CHECK(!B::mcu.empty());
        CHECK(B::ram_bytes > 0);
        CHECK(B::flash_bytes >= B::ram_bytes / 8);
    };
    check(boards::arduino_nano_33_ble_sense{});
    check(boards::raspberry_pi_pico{});
    check(boards::seeeduino_xiao{});
    check(boards::b_l475e_iot01a{});
    check(boards::esp32_s3_devkitc{});
    check(boards::portenta_h7{});
    check(boards::sparkfun_edge{});
    check(boards::wio_terminal{});
    check(boards::sony_spresense{});
    check(boards::adafruit_edgebadge{});
    check(boards::syntiant_tinyml{});
    check(boards::himax_we_i_plus{});
    check(boards::arducam_pico4ml{});
}
