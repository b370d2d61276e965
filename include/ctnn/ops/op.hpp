// ctnn/ops/op.hpp — what every op description provides, and shared helpers.
//
// An op (a *node*) is an empty type whose template arguments hold its
// parameters: input edges, quantization of its output, references to its
// constant data in flash. A node becomes a *layer* once the graph binds it to
// the tensors it reads:
//
//   template <class... Inputs> using bind = ...;   // Inputs: ctnn::tensor<...>
//
// A bound layer provides, all `static constexpr`:
//   op_tag        selects the kernel (kernels/<isa>/<op>.hpp)
//   name          the TFLite builtin name, for reports
//   kind          compute | alias (output is input 0's memory) | input | constant
//   output        ctnn::tensor<...> of its result
//   macs          multiply-accumulates per inference
//   weight_bytes  flash bytes of its constants (weights, bias, requant data)
//   scratch_bytes arena bytes it needs during its own step only
//   in_place      whether it may write its output over input 0
// and, for stateful ops only (SVDF), optionally
//   state_bytes   bytes kept from one invoke() to the next, outside the arena
//
// Ops describe; kernels compute. No arithmetic lives in ops/.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ctnn/core/tensor.hpp"

namespace ctnn {

/// The explicit input edges of a node: indices of earlier nodes in the graph.
template <int... Nodes>
struct from {
    static constexpr std::size_t count = sizeof...(Nodes);
    static constexpr std::array<int, sizeof...(Nodes)> nodes{Nodes...};
};

/// input: written by the caller; compute: runs a kernel; alias: shares input
/// 0's memory (RESHAPE); constant: data in flash, read in place.
enum class node_kind : std::uint8_t { input, compute, alias, constant };

/// No constant data (e.g. a fully connected layer without bias).
struct none_t {
    friend constexpr bool operator==(none_t, none_t) = default;
};
inline constexpr none_t none{};

/// A bound layer, as the graph, the planner and the kernels see it.
template <class L>
concept Layer = requires {
    typename L::op_tag;
    typename L::output;
    { L::name } -> std::convertible_to<std::string_view>;
    { L::kind } -> std::convertible_to<node_kind>;
    { L::macs } -> std::convertible_to<std::uint64_t>;
    { L::weight_bytes } -> std::convertible_to<std::size_t>;
    { L::scratch_bytes } -> std::convertible_to<std::size_t>;
    { L::in_place } -> std::convertible_to<bool>;
} && Tensor<typename L::output>;

namespace bits {
/// A layer's persistent state bytes (0 unless it declares `state_bytes`).
template <class L>
constexpr std::size_t state_bytes_of() noexcept {
    if constexpr (requires { L::state_bytes; }) {
        return L::state_bytes;
    } else {
        return 0;
    }
}

/// Number of elements of a constexpr C array or std::array (0 for none).
template <class T>
constexpr std::size_t extent_of(const T& a) noexcept {
    if constexpr (std::is_same_v<T, none_t>) {
        return 0;
    } else {
        return std::size(a);
    }
}
template <class T>
constexpr std::size_t bytes_of(const T& a) noexcept {
    if constexpr (std::is_same_v<T, none_t>) {
        return 0;
    } else {
        return sizeof(a);
    }
}
}  // namespace bits

/// TFLite's effective output scale of a convolution-like op, computed in
/// double exactly as TFLite does: in_scale * filter_scale / out_scale.
constexpr double effective_scale(float in_scale, float filter_scale, float out_scale) noexcept {
    return static_cast<double>(in_scale) * static_cast<double>(filter_scale) / static_cast<double>(out_scale);
}

/// Per-channel (or, with one scale, per-tensor) requantization data of a
/// convolution-like op. Lives in flash as a constexpr array.
template <std::size_t Channels, class Scales>
constexpr std::array<requant, Channels> make_requant(float in_scale, const Scales& filter_scales,
                                                     float out_scale) noexcept {
    std::array<requant, Channels> r{};
    for (std::size_t c = 0; c < Channels; ++c)
        r[c] = fixed_point::quantize_multiplier(effective_scale(in_scale, filter_scales[c], out_scale));
    return r;
}

}  // namespace ctnn
