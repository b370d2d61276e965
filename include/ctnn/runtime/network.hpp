// ctnn/runtime/network.hpp — running a model: arena, views, invoke, steps.
//
//   static ctnn::network<my_model::model> net;   // the arena is inside: .bss
//   net.input().quantize_from(features);           // or write int8 directly
//   net.invoke();
//   auto label = net.output().argmax();
//
// Step-wise, so an RTOS task can yield between layers (same bytes as invoke):
//   for (net.start(); !net.done(); net.step()) yield();
//
// Stateful layers (SVDF) keep `state_bytes` outside the arena across
// inferences; reset_state() starts a new sequence.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <utility>

#include "ctnn/graph/graph.hpp"
#include "ctnn/kernels/isa.hpp"

namespace ctnn {

template <Graph Model, isa Isa = default_isa>
class network {
public:
    using model = Model;
    static constexpr isa target_isa = Isa;
    static constexpr std::size_t arena_bytes = Model::arena_bytes;
    static constexpr std::size_t layer_count = Model::size;

    template <std::size_t K = 0>
    using input_view = tensor_view<typename Model::template input_tensor<K>, true>;
    template <std::size_t K = 0>
    using output_view = tensor_view<typename Model::template output_tensor<K>, false>;

    /// Typed view of model input K in the arena.
    template <std::size_t K = 0>
    [[nodiscard]] input_view<K> input() noexcept {
        return input_view<K>(tensor_data<static_cast<std::size_t>(Model::input_nodes[K])>());
    }
    /// Typed, read-only view of model output K in the arena.
    template <std::size_t K = 0>
    [[nodiscard]] output_view<K> output() noexcept {
        return output_view<K>(tensor_data<static_cast<std::size_t>(Model::output_nodes[K])>());
    }
    /// Typed view of any node's output (for debugging; valid while it lives).
    template <std::size_t I>
    [[nodiscard]] tensor_view<typename Model::template tensor<I>, false> tensor_at() noexcept {
        using T = typename Model::template tensor<I>::value_type;
        return tensor_view<typename Model::template tensor<I>, false>(static_cast<const T*>(source_data<I>()));
    }

    /// Persistent bytes of stateful layers (SVDF), kept across invokes.
    static constexpr std::size_t state_bytes = Model::state_bytes;

    /// Runs the whole model.
    void invoke() noexcept {
        prepare_state();
        run_all(std::make_index_sequence<layer_count>{});
        next_ = layer_count;
    }

    /// Step-wise execution: start(), then step() until done().
    void start() noexcept {
        prepare_state();
        next_ = 0;
        while (!done() && !computes(next_)) ++next_;
    }
    [[nodiscard]] bool done() const noexcept { return next_ >= layer_count; }
    /// Runs the next layer that computes (inputs and aliases cost nothing).
    void step() noexcept {
        if (done()) return;
        run_one(next_, std::make_index_sequence<layer_count>{});
        ++next_;
        while (!done() && !computes(next_)) ++next_;
    }
    /// Index of the next node step() will run.
    [[nodiscard]] std::size_t next_layer() const noexcept { return next_; }

    /// Puts every stateful layer back to its initial state (as TFLite's
    /// ResetVariableTensors). Done before the first inference.
    void reset_state() noexcept {
        reset_all(std::make_index_sequence<layer_count>{});
        state_ready_ = true;
    }

    /// The arena, for placement checks and debugging.
    [[nodiscard]] std::byte* arena() noexcept { return arena_.data(); }

private:
    template <std::size_t I>
    auto* tensor_data() noexcept {
        using T = typename Model::template tensor<I>::value_type;
        return reinterpret_cast<T*>(arena_.data() + Model::template offset<I>);
    }

    /// Where node I's output is read from: the arena, or flash for constants.
    template <std::size_t I>
    const void* source_data() const noexcept {
        if constexpr (Model::template in_flash<I>) {
            return std::data(Model::template layer<static_cast<std::size_t>(Model::memory_plan.storage_of[I])>::data);
        } else {
            return arena_.data() + Model::memory_plan.output_offset[I];
        }
    }

    /// Pointers to node I's inputs, in edge order.
    template <std::size_t I, std::size_t... K>
    std::array<const void*, sizeof...(K) == 0 ? 1 : sizeof...(K)> gather_inputs(std::index_sequence<K...>) const noexcept {
        return {source_data<static_cast<std::size_t>(Model::template sources<I>[K])>()...};
    }

    template <std::size_t I>
    void run_layer() noexcept {
        using L = typename Model::template layer<I>;
        if constexpr (L::kind == node_kind::compute) {
            const auto in = gather_inputs<I>(std::make_index_sequence<Model::template sources<I>.size()>{});
            void* scratch = L::scratch_bytes > 0 ? arena_.data() + Model::memory_plan.scratch_offset[I] : nullptr;
            void* out = arena_.data() + Model::template offset<I>;
            if constexpr (bits::state_bytes_of<L>() > 0) {
                kernel<Isa, typename L::op_tag>::template run<L>(in.data(), out, scratch,
                                                                 state_.data() + Model::state_offsets[I]);
            } else {
                kernel<Isa, typename L::op_tag>::template run<L>(in.data(), out, scratch);
            }
        }
    }

    void prepare_state() noexcept {
        if constexpr (state_bytes > 0) {
            if (!state_ready_) reset_state();
        }
    }

    template <std::size_t... Is>
    void reset_all(std::index_sequence<Is...>) noexcept {
        const auto reset_one = [this]<std::size_t I>(std::integral_constant<std::size_t, I>) {
            using L = typename Model::template layer<I>;
            if constexpr (bits::state_bytes_of<L>() > 0)
                kernel<Isa, typename L::op_tag>::template reset<L>(state_.data() + Model::state_offsets[I]);
        };
        (reset_one(std::integral_constant<std::size_t, Is>{}), ...);
    }

    template <std::size_t... Is>
    void run_all(std::index_sequence<Is...>) noexcept {
        (run_layer<Is>(), ...);
    }

    template <std::size_t... Is>
    void run_one(std::size_t i, std::index_sequence<Is...>) noexcept {
        ((i == Is ? run_layer<Is>() : void()), ...);
    }

    static constexpr std::array<bool, layer_count> compute_mask = []<std::size_t... Is>(std::index_sequence<Is...>) {
        return std::array<bool, layer_count>{(Model::template layer<Is>::kind == node_kind::compute)...};
    }(std::make_index_sequence<layer_count>{});
    static constexpr bool computes(std::size_t i) noexcept { return compute_mask[i]; }

    alignas(planner::alignment) std::array<std::byte, arena_bytes == 0 ? 1 : arena_bytes> arena_{};
    alignas(planner::alignment) std::array<std::byte, state_bytes == 0 ? 1 : state_bytes> state_{};
    std::size_t next_ = 0;
    bool state_ready_ = false;
};

}  // namespace ctnn
