// ctnn/ops/reshape.hpp — RESHAPE and SQUEEZE: a new shape over the same bytes.
//
// Both are aliases (node_kind::alias): no kernel runs, no arena bytes are
// spent; the output is input 0's memory read with another shape (row-major
// order is unchanged). Keras' Flatten converts to RESHAPE. Quantization and
// element type pass through.
#pragma once

#include <array>
#include <cstddef>

#include "ctnn/ops/op.hpp"

namespace ctnn {

struct reshape_tag {};
struct squeeze_tag {};

namespace bits {
// Diagnostic: names the error, carries the element counts (do not define).
template <std::size_t InputElements, std::size_t OutputElements>
struct reshape_changes_the_element_count;

/// Complete (int) when the counts match; otherwise the undefined diagnostic
/// above, whose sizeof fails with both counts in the message.
template <std::size_t In, std::size_t Out>
struct reshape_diagnostic {
    using type = int;
};
template <std::size_t In, std::size_t Out>
requires(In != Out) struct reshape_diagnostic<In, Out> {
    using type = reshape_changes_the_element_count<In, Out>;
};

/// Whether `to` is `from` with some size-1 dimensions removed (SQUEEZE).
template <std::size_t N, std::size_t M>
constexpr bool is_squeeze_of(const std::array<int, N>& from_dims, const std::array<int, M>& to_dims) noexcept {
    std::size_t j = 0;
    for (std::size_t i = 0; i < N; ++i) {
        if (j < M && from_dims[i] == to_dims[j]) {
            ++j;
        } else if (from_dims[i] != 1) {
            return false;
        }
    }
    return j == M;
}

template <class Tag, std::string_view const& Name, class In, Shape S>
struct alias_layer {
    using op_tag = Tag;
    using input = In;
    using output = tensor<S, In::q, typename In::value_type>;
    static constexpr std::string_view name = Name;
    static constexpr node_kind kind = node_kind::alias;
    static constexpr std::uint64_t macs = 0;
    static constexpr std::size_t weight_bytes = 0;
    static constexpr std::size_t scratch_bytes = 0;
    static constexpr bool in_place = false;  // aliasing says more: the planner shares the storage
};

inline constexpr std::string_view reshape_name = "RESHAPE";
inline constexpr std::string_view squeeze_name = "SQUEEZE";
}  // namespace bits

/// RESHAPE to `S` (same element count).
template <class From, Shape S>
struct reshape {
    using sources = From;
    static_assert(From::count == 1, "ctnn::reshape reads exactly one tensor (a shape tensor input is folded into S)");

    template <class In>
    struct bind : bits::alias_layer<reshape_tag, bits::reshape_name, In, S> {
        static_assert(sizeof(typename bits::reshape_diagnostic<In::elements, S::elements>::type) > 0);  // both counts
        static_assert(In::elements == S::elements,
                      "ctnn: reshape must keep the element count (input elements == shape elements)");
    };
};

/// SQUEEZE to `S`: the input shape with size-1 dimensions removed.
template <class From, Shape S>
struct squeeze {
    using sources = From;
    static_assert(From::count == 1, "ctnn::squeeze reads exactly one tensor");

    template <class In>
    struct bind : bits::alias_layer<squeeze_tag, bits::squeeze_name, In, S> {
        static_assert(sizeof(typename bits::reshape_diagnostic<In::elements, S::elements>::type) > 0);  // both counts
        static_assert(In::elements == S::elements,
                      "ctnn: squeeze must keep the element count (input elements == shape elements)");
        static_assert(bits::is_squeeze_of(In::shape_type::dims, S::dims),
                      "ctnn: squeeze may only remove size-1 dimensions of its input");
    };
};

}  // namespace ctnn
