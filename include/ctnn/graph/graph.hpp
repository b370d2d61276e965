// ctnn/graph/graph.hpp — a model is a type.
//
//   using model = ctnn::graph<
//       ctnn::input<ctnn::shape<1, 4>, ctnn::quant{0.5f, 0}>,                 // node 0
//       ctnn::fully_connected<ctnn::from<0>, fc_params, out_q, w, b, s>,       // node 1
//       ...>;
//
// Nodes are listed in topological order; each names the earlier nodes it
// reads (`ctnn::from<...>`), so residual ADDs and CONCATENATIONs are plain
// DAG edges. The last node is the model output unless `basic_graph` is given
// an explicit `ctnn::outputs<...>` list.
//
// Everything a build or a CI job may check is a `static constexpr` member:
// layer types and tensors, `macs`, `weight_bytes`, `arena_bytes`,
// `live_bytes_bound`, per-node arena offsets and the per-layer table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "ctnn/bits/type_list.hpp"
#include "ctnn/ops/op.hpp"
#include "ctnn/planner/planner.hpp"

namespace ctnn {

/// The model outputs, by node index.
template <int... Nodes>
struct outputs {
    static constexpr std::size_t count = sizeof...(Nodes);
    static constexpr std::array<int, sizeof...(Nodes)> nodes{Nodes...};
};

/// One row of a model's per-layer report.
struct layer_info {
    std::string_view op;
    std::uint64_t macs;
    std::size_t weight_bytes;
    std::size_t output_bytes;
    std::size_t output_offset;
    std::size_t scratch_bytes;
    bool aliased;  // output shares an earlier tensor's memory (alias or in place)
};

namespace bits {

// Diagnostics: the template name is the message, the arguments the numbers.
template <int Node, int ReadsNode>
struct node_reads_a_later_or_same_node;  // do not define: names the error
template <int Node, int Count>
struct node_reads_more_than_eight_tensors;  // do not define

template <int Self, int Source>
constexpr bool check_edge() {
    if constexpr (Source < 0 || Source >= Self) {
        node_reads_a_later_or_same_node<Self, Source> error;
        (void)error;
        return false;
    } else {
        return true;
    }
}

template <int Self, class Node, class Bound, class Sources = typename Node::sources>
struct bind_node;

template <int Self, class Node, class... Bound, int... Sources>
struct bind_node<Self, Node, type_list<Bound...>, from<Sources...>> {
    static constexpr bool edges_ok = (check_edge<Self, Sources>() && ...);
    static_assert(edges_ok, "ctnn::graph: a node may read only earlier nodes (list nodes in topological order)");
    template <int S>
    using tensor_of = typename at_t<static_cast<std::size_t>(S < Self && S >= 0 ? S : 0), type_list<Bound...>>::output;
    using type = typename Node::template bind<tensor_of<Sources>...>;
};

template <class Bound, class... Rest>
struct bind_all {
    using type = Bound;
};

template <class... Bound, class Node, class... Rest>
struct bind_all<type_list<Bound...>, Node, Rest...> {
    using layer = typename bind_node<static_cast<int>(sizeof...(Bound)), Node, type_list<Bound...>>::type;
    static_assert(Layer<layer>, "ctnn: a node's bind<> must produce a ctnn::Layer (see ops/op.hpp)");
    using type = typename bind_all<type_list<Bound..., layer>, Rest...>::type;
};

}  // namespace bits

template <class Outputs, class... Nodes>
struct basic_graph {
    static_assert(sizeof...(Nodes) > 0, "ctnn::graph: a model needs at least one node");

    static constexpr std::size_t size = sizeof...(Nodes);
    using nodes = bits::type_list<Nodes...>;
    using layers = typename bits::bind_all<bits::type_list<>, Nodes...>::type;

    template <std::size_t I>
    using node = bits::at_t<I, nodes>;
    template <std::size_t I>
    using layer = bits::at_t<I, layers>;
    template <std::size_t I>
    using tensor = typename layer<I>::output;

    /// Input edges of node I.
    template <std::size_t I>
    static constexpr auto sources = node<I>::sources::nodes;

private:
    template <std::size_t... Is>
    static constexpr auto collect_inputs(std::index_sequence<Is...>) {
        constexpr std::size_t count = ((layer<Is>::kind == node_kind::input ? 1u : 0u) + ... + 0u);
        std::array<int, count> r{};
        std::size_t k = 0;
        ((layer<Is>::kind == node_kind::input ? (r[k++] = static_cast<int>(Is), 0) : 0), ...);
        return r;
    }

    template <std::size_t... Is>
    static constexpr auto collect_requests(std::index_sequence<Is...>) {
        std::array<planner::node_request, size> r{};
        const auto fill = [&r]<std::size_t I>(std::integral_constant<std::size_t, I>) {
            using L = layer<I>;
            planner::node_request& req = r[I];
            req.output_bytes = L::output::bytes;
            req.scratch_bytes = L::scratch_bytes;
            req.is_input = L::kind == node_kind::input;
            req.is_alias = L::kind == node_kind::alias;
            req.is_constant = L::kind == node_kind::constant;
            req.in_place = L::in_place;
            constexpr auto src = sources<I>;
            static_assert(src.size() <= planner::max_node_inputs, "ctnn: a node reads at most eight tensors");
            req.input_count = static_cast<int>(src.size());
            for (std::size_t k = 0; k < src.size(); ++k) req.inputs[k] = src[k];
        };
        (fill(std::integral_constant<std::size_t, Is>{}), ...);
        for (int o : Outputs::nodes) r[static_cast<std::size_t>(o)].is_output = true;
        return r;
    }

    template <std::size_t... Is>
    static constexpr auto collect_table(std::index_sequence<Is...>) {
        return std::array<layer_info, size>{layer_info{
            layer<Is>::name, layer<Is>::macs, layer<Is>::weight_bytes, layer<Is>::output::bytes,
            memory_plan.output_offset[Is], layer<Is>::scratch_bytes, memory_plan.storage_of[Is] != static_cast<int>(Is)}...};
    }

public:
    static constexpr auto input_nodes = collect_inputs(std::make_index_sequence<size>{});
    static constexpr auto output_nodes = Outputs::nodes;
    static_assert(input_nodes.size() > 0, "ctnn::graph: a model needs at least one ctnn::input node");

    template <std::size_t K = 0>
    using input_tensor = tensor<static_cast<std::size_t>(input_nodes[K])>;
    template <std::size_t K = 0>
    using output_tensor = tensor<static_cast<std::size_t>(output_nodes[K])>;

    static constexpr std::uint64_t macs =
        []<std::size_t... Is>(std::index_sequence<Is...>) { return (std::uint64_t{0} + ... + layer<Is>::macs); }(std::make_index_sequence<size>{});
    static constexpr std::size_t weight_bytes =
        []<std::size_t... Is>(std::index_sequence<Is...>) { return (std::size_t{0} + ... + layer<Is>::weight_bytes); }(std::make_index_sequence<size>{});

    static constexpr auto memory_requests = collect_requests(std::make_index_sequence<size>{});
    static constexpr planner::plan<size> memory_plan = planner::make_plan(memory_requests);
    static constexpr std::size_t arena_bytes = memory_plan.arena_bytes;
    static constexpr std::size_t live_bytes_bound = memory_plan.live_bytes_bound;

    /// Arena offset of node I's output tensor.
    template <std::size_t I>
    static constexpr std::size_t offset = memory_plan.output_offset[I];

    static constexpr auto table = collect_table(std::make_index_sequence<size>{});

    /// True when node I's output lives in flash (a constant, or an alias of one).
    template <std::size_t I>
    static constexpr bool in_flash =
        layer<static_cast<std::size_t>(memory_plan.storage_of[I])>::kind == node_kind::constant;

    /// Persistent state (SVDF and other stateful ops): kept across invokes,
    /// outside the arena, 16-byte aligned per layer.
    static constexpr std::array<std::size_t, size> state_offsets = []<std::size_t... Is>(std::index_sequence<Is...>) {
        std::array<std::size_t, size> offsets{};
        std::size_t at = 0;
        ((offsets[Is] = at, at += planner::align_up(bits::state_bytes_of<layer<Is>>())), ...);
        return offsets;
    }(std::make_index_sequence<size>{});
    static constexpr std::size_t state_bytes = []<std::size_t... Is>(std::index_sequence<Is...>) {
        return (std::size_t{0} + ... + planner::align_up(bits::state_bytes_of<layer<Is>>()));
    }(std::make_index_sequence<size>{});
};

namespace bits {
template <class... Nodes>
struct default_outputs {
    using type = outputs<static_cast<int>(sizeof...(Nodes)) - 1>;
};
}  // namespace bits

/// A model whose output is its last node.
template <class... Nodes>
using graph = basic_graph<typename bits::default_outputs<Nodes...>::type, Nodes...>;

namespace bits {
template <class T>
struct is_graph : std::false_type {};
template <class O, class... N>
struct is_graph<basic_graph<O, N...>> : std::true_type {};
}  // namespace bits

/// Any ctnn model type.
template <class G>
concept Graph = bits::is_graph<G>::value;

}  // namespace ctnn
