// ctnn/boards/boards.hpp — board profiles: memory, clock, default ISA.
//
// RAM and flash are the on-chip totals of each board's microcontroller as
// listed in its datasheet (external PSRAM/flash where the board has it and the
// MCU maps it, noted per board). Budgets compare a model's arena against
// `ram_bytes` and its constant data against `flash_bytes`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ctnn/kernels/isa.hpp"

namespace ctnn {

/// A board profile: anything with these static members.
template <class B>
concept Board = requires {
    { B::name } -> std::convertible_to<std::string_view>;
    { B::mcu } -> std::convertible_to<std::string_view>;
    { B::ram_bytes } -> std::convertible_to<std::size_t>;
    { B::flash_bytes } -> std::convertible_to<std::size_t>;
    { B::clock_hz } -> std::convertible_to<std::uint32_t>;
    { B::default_isa } -> std::convertible_to<isa>;
};

namespace boards {

inline constexpr std::size_t KiB = 1024;
inline constexpr std::size_t MiB = 1024 * 1024;

#define CTNN_BOARD(id, board_name, mcu_name, ram, flash, clock, isa_)          \
    struct id {                                                               \
        static constexpr std::string_view name = board_name;                  \
        static constexpr std::string_view mcu = mcu_name;                     \
        static constexpr std::size_t ram_bytes = ram;                         \
        static constexpr std::size_t flash_bytes = flash;                     \
        static constexpr std::uint32_t clock_hz = clock;                      \
        static constexpr isa default_isa = isa_;                              \
    }

// The boards of the TinyML survey table (Table 1), and the emulated ones.
CTNN_BOARD(arduino_nano_33_ble_sense, "Arduino Nano 33 BLE Sense", "nRF52840 (Cortex-M4F)", 256 * KiB, 1 * MiB, 64'000'000u, isa::arm_dsp);
CTNN_BOARD(raspberry_pi_pico, "Raspberry Pi Pico", "RP2040 (Cortex-M0+)", 264 * KiB, 2 * MiB, 133'000'000u, isa::scalar);
CTNN_BOARD(seeeduino_xiao, "Seeeduino XIAO", "SAMD21G18 (Cortex-M0+)", 32 * KiB, 256 * KiB, 48'000'000u, isa::scalar);
CTNN_BOARD(b_l475e_iot01a, "STM32 B-L475E-IOT01A", "STM32L475VG (Cortex-M4F)", 128 * KiB, 1 * MiB, 80'000'000u, isa::arm_dsp);
CTNN_BOARD(esp32_s3_devkitc, "ESP32-S3-DevKitC", "ESP32-S3 (Xtensa LX7)", 512 * KiB, 8 * MiB, 240'000'000u, isa::scalar);
CTNN_BOARD(portenta_h7, "Arduino Portenta H7", "STM32H747 (Cortex-M7)", 1 * MiB, 2 * MiB, 480'000'000u, isa::arm_dsp);
CTNN_BOARD(sparkfun_edge, "SparkFun Edge", "Apollo3 Blue (Cortex-M4F)", 384 * KiB, 1 * MiB, 96'000'000u, isa::arm_dsp);
CTNN_BOARD(wio_terminal, "Seeed Wio Terminal", "ATSAMD51P19 (Cortex-M4F)", 192 * KiB, 512 * KiB, 120'000'000u, isa::arm_dsp);
CTNN_BOARD(sony_spresense, "Sony Spresense", "CXD5602 (6x Cortex-M4F)", 1536 * KiB, 8 * MiB, 156'000'000u, isa::arm_dsp);
CTNN_BOARD(adafruit_edgebadge, "Adafruit EdgeBadge", "ATSAMD51J19 (Cortex-M4F)", 192 * KiB, 512 * KiB, 120'000'000u, isa::arm_dsp);
CTNN_BOARD(syntiant_tinyml, "Syntiant TinyML", "SAMD21G18 (Cortex-M0+) + NDP101", 32 * KiB, 256 * KiB, 48'000'000u, isa::scalar);
CTNN_BOARD(himax_we_i_plus, "Himax WE-I Plus", "HX6537-A (ARC EM9D)", 2 * MiB, 2 * MiB, 400'000'000u, isa::scalar);
CTNN_BOARD(arducam_pico4ml, "Arducam Pico4ML", "RP2040 (Cortex-M0+)", 264 * KiB, 2 * MiB, 133'000'000u, isa::scalar);
// The emulated boards the project tests on (QEMU machines).
CTNN_BOARD(mps2_an386, "Arm MPS2 AN386 (QEMU)", "Cortex-M4F", 4 * MiB, 4 * MiB, 25'000'000u, isa::arm_dsp);
CTNN_BOARD(mps2_an500, "Arm MPS2 AN500 (QEMU)", "Cortex-M7", 4 * MiB, 4 * MiB, 25'000'000u, isa::arm_dsp);
CTNN_BOARD(mps3_an547, "Arm MPS3 AN547 (QEMU)", "Cortex-M55 (Helium)", 512 * KiB, 512 * KiB, 32'000'000u, isa::arm_mve);

#undef CTNN_BOARD

}  // namespace boards
}  // namespace ctnn
