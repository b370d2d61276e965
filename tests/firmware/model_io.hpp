// Inputs and outputs of a model test, shared by the host generator (expected_gen.cpp) and the
// firmware (test_model.cpp), so that both feed the same bytes and read outputs the same way.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "models/pattern.hpp"

namespace fw_models {

/// Input k of test case `index`: int8 over the full range; float inputs get those values / 16.
template <class Net>
void fill_inputs(Net& net, std::uint32_t index) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (
            [&] {
                auto in = net.template input<K>();
                using T = typename decltype(in)::value_type;
                constexpr std::size_t n = decltype(in)::extent;
                std::int8_t bytes[n];
                fill_input(bytes, n, index * 7u + static_cast<std::uint32_t>(K));
                for (std::size_t i = 0; i < n; ++i) {
                    if constexpr (std::is_floating_point_v<T>)
                        in[i] = static_cast<T>(bytes[i]) / static_cast<T>(16);
                    else
                        in[i] = static_cast<T>(bytes[i]);
                }
            }(),
            ...);
    }(std::make_index_sequence<Net::model::input_nodes.size()>{});
}

/// The integer a value is stored and compared as: floats by their bits (bit-exact contract).
template <class T>
using stored_t = std::conditional_t<std::is_floating_point_v<T>, std::uint32_t, T>;

template <class T>
constexpr stored_t<T> stored(T v) noexcept {
    if constexpr (std::is_floating_point_v<T>)
        return std::bit_cast<std::uint32_t>(static_cast<float>(v));
    else
        return v;
}

/// Calls f(std::integral_constant<std::size_t, K>{}, output_view) for every output K.
template <class Net, class F>
void for_each_output(Net& net, F&& f) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (f(std::integral_constant<std::size_t, K>{}, net.template output<K>()), ...);
    }(std::make_index_sequence<Net::model::output_nodes.size()>{});
}

}  // namespace fw_models
