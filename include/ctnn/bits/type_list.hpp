// ctnn/bits/type_list.hpp — a minimal compile-time list of types.
#pragma once

#include <cstddef>

namespace ctnn::bits {

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
};

template <std::size_t I, class List>
struct at;

template <class Head, class... Tail>
struct at<0, type_list<Head, Tail...>> {
    using type = Head;
};

template <std::size_t I, class Head, class... Tail>
struct at<I, type_list<Head, Tail...>> : at<I - 1, type_list<Tail...>> {};

template <std::size_t I, class List>
using at_t = typename at<I, List>::type;

template <class List, class T>
struct push_back;

template <class... Ts, class T>
struct push_back<type_list<Ts...>, T> {
    using type = type_list<Ts..., T>;
};

}  // namespace ctnn::bits
