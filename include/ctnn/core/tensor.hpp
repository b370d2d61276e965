// ctnn/core/tensor.hpp — tensor descriptions (types) and views (pointers).
//
// `tensor<Shape, Q, T>` describes a tensor entirely at compile time: shape,
// element type and quantization. `tensor_view<Tensor>` is a typed pointer to
// its bytes in the arena, with NHWC indexing and float helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "ctnn/core/quant.hpp"
#include "ctnn/core/shape.hpp"

namespace ctnn {

template <Shape S, quant Q, class T = std::int8_t>
struct tensor {
    using shape_type = S;
    using value_type = T;
    static constexpr quant q = Q;
    static constexpr std::size_t elements = S::elements;
    static constexpr std::size_t bytes = S::elements * sizeof(T);
};

namespace bits {
template <class T>
struct is_tensor : std::false_type {};
template <class S, quant Q, class T>
struct is_tensor<tensor<S, Q, T>> : std::true_type {};
}  // namespace bits

/// Any ctnn::tensor<...> description.
template <class T>
concept Tensor = bits::is_tensor<T>::value;

/// A typed, fixed-size view of a tensor's bytes. Const-ness follows `T`'s
/// value type: tensor_view<const X> for read-only access.
template <class TensorT, bool Mutable = true>
class tensor_view {
public:
    using tensor_type = TensorT;
    using value_type = typename TensorT::value_type;
    using element_type = std::conditional_t<Mutable, value_type, const value_type>;
    using shape_type = typename TensorT::shape_type;
    static constexpr std::size_t extent = TensorT::elements;
    static constexpr quant q = TensorT::q;

    constexpr explicit tensor_view(element_type* data) noexcept : data_(data) {}

    [[nodiscard]] constexpr element_type* data() const noexcept { return data_; }
    [[nodiscard]] static constexpr std::size_t size() noexcept { return extent; }
    [[nodiscard]] constexpr std::span<element_type, extent> span() const noexcept {
        return std::span<element_type, extent>(data_, extent);
    }
    constexpr element_type& operator[](std::size_t i) const noexcept { return data_[i]; }
    constexpr element_type* begin() const noexcept { return data_; }
    constexpr element_type* end() const noexcept { return data_ + extent; }

    /// Quantize `real` values into this tensor (int8 tensors only).
    constexpr void quantize_from(std::span<const float, extent> real) const noexcept
        requires Mutable
    {
        for (std::size_t i = 0; i < extent; ++i) data_[i] = quantize_value<value_type>(real[i], q);
    }
    /// Real value of element i.
    [[nodiscard]] constexpr float real(std::size_t i) const noexcept {
        if constexpr (std::is_floating_point_v<value_type>) {
            return data_[i];
        } else {
            return dequantize_value(data_[i], q);
        }
    }
    /// Dequantize every element into `real`.
    constexpr void dequantize_to(std::span<float, extent> real_out) const noexcept {
        for (std::size_t i = 0; i < extent; ++i) real_out[i] = real(i);
    }
    /// Index of the largest element (the usual classifier read-out).
    [[nodiscard]] constexpr std::size_t argmax() const noexcept {
        std::size_t best = 0;
        for (std::size_t i = 1; i < extent; ++i)
            if (data_[i] > data_[best]) best = i;
        return best;
    }

private:
    element_type* data_;
};

}  // namespace ctnn
