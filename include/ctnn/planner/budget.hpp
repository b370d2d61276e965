// ctnn/planner/budget.hpp — holding a model against a RAM/flash budget.
//
//   static_assert(ctnn::fits<model, ctnn::boards::arduino_nano_33_ble_sense>);
//   static_assert(ctnn::fits_budget<model, 64 * 1024, 256 * 1024>);
//
// Over budget, compilation fails. The failing line names the rule and the
// numbers, e.g.
//   error: 'ctnn::arena_bytes_exceed_ram<153600, 131072> ...' has incomplete type
//   error: static assertion failed: ... model_arena_fits_ram ...
#pragma once

#include <cstddef>

#include "ctnn/boards/boards.hpp"
#include "ctnn/graph/graph.hpp"

namespace ctnn {

// Diagnostics: undefined on purpose; the template name is the rule broken
// and the arguments are needed vs available bytes.
template <std::size_t NeededBytes, std::size_t AvailableBytes>
struct arena_bytes_exceed_ram;
template <std::size_t NeededBytes, std::size_t AvailableBytes>
struct weight_bytes_exceed_flash;

/// A memory budget: the arena must fit `Ram`, constant data `Flash`.
template <std::size_t Ram, std::size_t Flash>
struct budget {
    static constexpr std::size_t ram_bytes = Ram;
    static constexpr std::size_t flash_bytes = Flash;
};

namespace bits {
template <std::size_t Needed, std::size_t Available>
constexpr bool check_ram() {
    if constexpr (Needed > Available) {
        arena_bytes_exceed_ram<Needed, Available> model_arena_does_not_fit_ram;
        (void)model_arena_does_not_fit_ram;
        return false;
    } else {
        return true;
    }
}
template <std::size_t Needed, std::size_t Available>
constexpr bool check_flash() {
    if constexpr (Needed > Available) {
        weight_bytes_exceed_flash<Needed, Available> model_weights_do_not_fit_flash;
        (void)model_weights_do_not_fit_flash;
        return false;
    } else {
        return true;
    }
}
}  // namespace bits

/// True when the model's arena fits `RamBytes` and its weights `FlashBytes`;
/// otherwise a compile error naming the overrun.
template <Graph Model, std::size_t RamBytes, std::size_t FlashBytes>
inline constexpr bool fits_budget =
    bits::check_ram<Model::arena_bytes, RamBytes>() && bits::check_flash<Model::weight_bytes, FlashBytes>();

/// The same against a board profile (ctnn/boards/boards.hpp).
template <Graph Model, class B>
    requires Board<B> || requires { B::ram_bytes; B::flash_bytes; }
inline constexpr bool fits = fits_budget<Model, B::ram_bytes, B::flash_bytes>;

}  // namespace ctnn
