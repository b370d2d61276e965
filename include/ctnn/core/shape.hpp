// ctnn/core/shape.hpp — fully static tensor shapes.
//
// A shape is a type: ctnn::shape<1, 96, 96, 1> is an NHWC tensor of 9216
// elements. Dimensions are `int` like TFLite's; element counts are
// `std::size_t` because they size arrays.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace ctnn {

template <int... Dims>
struct shape {
    static_assert(((Dims > 0) && ...), "ctnn::shape: every dimension must be positive");

    static constexpr int rank = static_cast<int>(sizeof...(Dims));
    static constexpr std::array<int, sizeof...(Dims)> dims{Dims...};
    static constexpr std::size_t elements = (std::size_t{1} * ... * static_cast<std::size_t>(Dims));

    /// Dimension `i`; negative `i` counts from the back like Python.
    static constexpr int dim(int i) noexcept {
        return dims[static_cast<std::size_t>(i < 0 ? i + rank : i)];
    }
};

namespace bits {
template <class T>
struct is_shape : std::false_type {};
template <int... Dims>
struct is_shape<shape<Dims...>> : std::true_type {};

template <std::size_t N, std::array<int, N> Dims, class Seq>
struct shape_from_array_impl;
template <std::size_t N, std::array<int, N> Dims, std::size_t... Is>
struct shape_from_array_impl<N, Dims, std::index_sequence<Is...>> {
    using type = shape<Dims[Is]...>;
};
}  // namespace bits

/// Any ctnn::shape<...>.
template <class S>
concept Shape = bits::is_shape<S>::value;

/// The shape whose dimensions are the elements of a constexpr array.
template <std::array Dims>
using shape_from_array =
    typename bits::shape_from_array_impl<Dims.size(), Dims, std::make_index_sequence<Dims.size()>>::type;

/// NHWC accessors for rank-4 shapes (TFLite's activation layout).
template <Shape S>
struct nhwc {
    static_assert(S::rank == 4, "ctnn::nhwc: expects a rank-4 [N, H, W, C] shape");
    static constexpr int batches = S::dims[0];
    static constexpr int height = S::dims[1];
    static constexpr int width = S::dims[2];
    static constexpr int channels = S::dims[3];
};

}  // namespace ctnn
