// Holding a model against a board's memory at compile time.
//
//   static_assert(ctnn::fits<person_detect::model, ctnn::boards::CTNN_EXAMPLE_BOARD>);
//
// The board is a compile definition. Built against the Arduino Nano 33 BLE Sense (256 KiB RAM,
// 1 MiB flash; the default), this compiles and prints person_detect's needs beside every board
// profile of ctnn/boards/boards.hpp. Built with -DCTNN_EXAMPLE_BOARD=seeeduino_xiao (32 KiB RAM)
// it does not compile: the error names the rule and shows needed vs available bytes,
//
//   error: 'ctnn::arena_bytes_exceed_ram<55296, 32768> model_arena_does_not_fit_ram' has incomplete type
//
// (target example_budget_check_too_small, excluded from `all`; the test of the same name
// builds it and expects exactly that error.)
#include <cstddef>
#include <cstdio>
#include <string_view>

#include <ctnn/ctnn.hpp>

#include "person_detect.hpp"

#ifndef CTNN_EXAMPLE_BOARD
#define CTNN_EXAMPLE_BOARD arduino_nano_33_ble_sense
#endif

using model = person_detect::model;
using board = ctnn::boards::CTNN_EXAMPLE_BOARD;

// The check. Over budget, this line is where the build stops.
static_assert(ctnn::fits<model, board>);

namespace {

// The same comparison as a value, for the table (ctnn::fits itself stops the build instead).
template <class B>
void row() {
    const bool ram = model::arena_bytes <= B::ram_bytes;
    const bool flash = model::weight_bytes <= B::flash_bytes;
    std::printf("  %-28.*s %5zu KiB RAM %5zu KiB flash  %s\n", static_cast<int>(B::name.size()), B::name.data(),
                B::ram_bytes / 1024, B::flash_bytes / 1024,
                ram && flash ? "fits"
                : ram        ? "does not fit: flash"
                : flash      ? "does not fit: RAM"
                             : "does not fit: RAM, flash");
}

}  // namespace

int main() {
    std::printf("person_detect needs %zu bytes of RAM (arena) and %zu bytes of flash (weights)\n", model::arena_bytes,
                model::weight_bytes);
    std::printf("checked at compile time against %.*s: fits\n", static_cast<int>(board::name.size()),
                board::name.data());
    std::printf("against every board profile:\n");
    namespace b = ctnn::boards;
    row<b::arduino_nano_33_ble_sense>();
    row<b::raspberry_pi_pico>();
    row<b::seeeduino_xiao>();
    row<b::b_l475e_iot01a>();
    row<b::esp32_s3_devkitc>();
    row<b::portenta_h7>();
    row<b::sparkfun_edge>();
    row<b::wio_terminal>();
    row<b::sony_spresense>();
    row<b::adafruit_edgebadge>();
    row<b::syntiant_tinyml>();
    row<b::himax_we_i_plus>();
    row<b::arducam_pico4ml>();
    return 0;
}
