// ctnn/planner/planner.hpp — the compile-time memory planner.
//
// Input: one entry per graph node (its output bytes, what it reads, whether
// it is an alias or may run in place, its scratch bytes). Output: an arena
// offset for every node's output and scratch, and the arena size. All of it
// is a constexpr function evaluated by the compiler.
//
// Rules:
// - Node i runs at step i. A tensor lives from the step that writes it to the
//   last step that reads it; model inputs live from step 0, model outputs to
//   the end. Scratch lives during its node's step only.
// - Aliases (RESHAPE, SQUEEZE) take their input's memory: no bytes, no copy.
// - Constants are read from flash: no arena bytes (their offset is unused).
// - An in-place op (element-wise) writes over its input 0 when that storage
//   is read by nobody later and holds no model input (the caller's data).
// - Offsets are 16-byte aligned so every SIMD path may load aligned.
// - Three placements are tried and the smallest arena wins: largest first
//   (TFLM's greedy), first written first, and two-ended (ping-pong from both
//   ends of an arena the size of the bound; exact on chains).
//   `live_bytes_bound` is the largest sum of simultaneously live buffers, the
//   lower bound of any plan; tests hold every project model to it.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace ctnn::planner {

inline constexpr std::size_t alignment = 16;
inline constexpr std::size_t max_node_inputs = 8;
/// Extra placement orders tried when the plain strategies miss the bound.
inline constexpr int search_attempts = 64;

constexpr std::size_t align_up(std::size_t n) noexcept { return (n + alignment - 1) / alignment * alignment; }

/// What the planner needs to know of one node.
struct node_request {
    std::size_t output_bytes = 0;
    std::size_t scratch_bytes = 0;
    bool is_input = false;
    bool is_output = false;
    bool is_alias = false;   // output is input 0's memory
    bool is_constant = false;  // output is constant data in flash: no arena bytes
    bool in_place = false;   // may write output over input 0
    int input_count = 0;
    std::array<int, max_node_inputs> inputs{};
};

/// A buffer to place: [first, last] steps, bytes.
struct buffer {
    int first = 0;
    int last = 0;
    std::size_t bytes = 0;
    std::size_t offset = 0;
};

template <std::size_t N>
struct plan {
    std::array<std::size_t, N> output_offset{};   // arena offset of node i's output
    std::array<std::size_t, N> scratch_offset{};  // arena offset of node i's scratch (if any)
    std::array<int, N> storage_of{};              // node whose buffer holds node i's output
    std::array<int, N> last_use{};                // last step reading node i's output (N: model output)
    std::size_t arena_bytes = 0;
    std::size_t live_bytes_bound = 0;
};

namespace detail {

constexpr bool overlaps(const buffer& lhs, const buffer& rhs) noexcept {
    return lhs.first <= rhs.last && rhs.first <= lhs.last;
}

/// Places buffers in the given order, each at the lowest offset that clears
/// every already placed buffer alive at the same time. Returns the arena size.
template <std::size_t M>
constexpr std::size_t place(std::array<buffer, M>& bufs, std::size_t count, const std::array<std::size_t, M>& order) {
    std::array<bool, M> placed{};
    std::size_t arena = 0;
    for (std::size_t k = 0; k < count; ++k) {
        buffer& cand = bufs[order[k]];
        std::size_t offset = 0;
        // Re-scan until a pass finds no conflict: each conflict pushes the
        // candidate above the conflicting buffer, so this terminates.
        for (bool moved = true; moved;) {
            moved = false;
            for (std::size_t j = 0; j < count; ++j) {
                if (!placed[j] || !overlaps(bufs[j], cand)) continue;
                const buffer& o = bufs[j];
                if (offset < o.offset + o.bytes && o.offset < offset + cand.bytes) {
                    offset = o.offset + o.bytes;
                    moved = true;
                }
            }
        }
        cand.offset = offset;
        placed[order[k]] = true;
        arena = std::max(arena, offset + cand.bytes);
    }
    return arena;
}

/// Places buffers within `capacity` (the live-bytes bound) from both ends:
/// each buffer goes to the side opposite to the buffer it is computed from,
/// lowest feasible offset at the bottom, highest at the top. On a chain this
/// ping-pong layout meets the bound exactly. A buffer that fits neither way
/// goes to the lowest offset above everything it meets (the arena grows).
template <std::size_t M>
constexpr std::size_t place_two_ended(std::array<buffer, M>& bufs, std::size_t count,
                                      const std::array<std::size_t, M>& order, const std::array<int, M>& parent,
                                      std::size_t capacity) {
    std::array<bool, M> placed{};
    std::array<bool, M> on_top{};
    std::size_t arena = 0;
    const auto conflicts = [&](const buffer& cand, std::size_t offset, std::size_t& other) {
        for (std::size_t j = 0; j < count; ++j) {
            if (!placed[j] || !overlaps(bufs[j], cand)) continue;
            if (offset < bufs[j].offset + bufs[j].bytes && bufs[j].offset < offset + cand.bytes) {
                other = j;
                return true;
            }
        }
        return false;
    };
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t idx = order[k];
        buffer& cand = bufs[idx];
        const bool want_top = parent[idx] >= 0 && !on_top[static_cast<std::size_t>(parent[idx])];
        bool done = false;
        std::size_t other = 0;
        if (want_top && cand.bytes <= capacity) {
            // Slide down from the top until clear (or out of room).
            std::size_t offset = capacity - cand.bytes;
            while (conflicts(cand, offset, other)) {
                if (bufs[other].offset < cand.bytes) break;
                offset = bufs[other].offset - cand.bytes;
            }
            if (!conflicts(cand, offset, other)) {
                cand.offset = offset;
                on_top[idx] = true;
                done = true;
            }
        }
        if (!done) {
            std::size_t offset = 0;
            while (conflicts(cand, offset, other)) offset = bufs[other].offset + bufs[other].bytes;
            cand.offset = offset;
        }
        placed[idx] = true;
        arena = std::max(arena, cand.offset + cand.bytes);
    }
    return arena;
}

}  // namespace detail

template <std::size_t N>
constexpr plan<N> make_plan(const std::array<node_request, N>& nodes) {
    plan<N> p{};
    const int steps = static_cast<int>(N);

    // 1. Storage: aliases share their input's storage; in-place ops share it
    //    when input 0 dies here. Last use is computed over the storage root.
    std::array<int, N> last_read{};
    for (std::size_t i = 0; i < N; ++i) last_read[i] = nodes[i].is_output ? steps : static_cast<int>(i);
    for (std::size_t i = 0; i < N; ++i)
        for (int k = 0; k < nodes[i].input_count; ++k) {
            const auto src = static_cast<std::size_t>(nodes[i].inputs[static_cast<std::size_t>(k)]);
            last_read[src] = std::max(last_read[src], static_cast<int>(i));
        }
    p.last_use = last_read;

    std::array<int, N> root{};
    std::array<int, N> root_last{};  // last step any tensor stored in root r is read
    std::array<bool, N> root_pinned{};  // holds a model input or output: never overwritten in place
    for (std::size_t i = 0; i < N; ++i) {
        root[i] = static_cast<int>(i);
        const node_request& n = nodes[i];
        if (n.input_count > 0 && (n.is_alias || n.in_place)) {
            const auto r = static_cast<std::size_t>(root[static_cast<std::size_t>(n.inputs[0])]);
            // In place only if no later step still reads input 0's storage.
            const bool dies_here = root_last[r] <= static_cast<int>(i);
            if (n.is_alias || (dies_here && !root_pinned[r] &&
                               n.output_bytes <= nodes[r].output_bytes)) {
                root[i] = static_cast<int>(r);
            }
        }
        const auto r = static_cast<std::size_t>(root[i]);
        if (r == i) root_last[r] = last_read[i];
        root_last[r] = std::max(root_last[r], last_read[i]);
        if (n.is_input || n.is_output || n.is_constant) root_pinned[r] = true;
    }
    p.storage_of = root;

    // 2. Buffers: one per storage root, one per scratch request.
    constexpr std::size_t M = 2 * N;
    std::array<buffer, M> bufs{};
    std::array<int, M> owner{};      // node index
    std::array<int, N> buffer_of_root{};
    std::array<bool, M> is_scratch{};
    std::size_t count = 0;
    for (std::size_t i = 0; i < N; ++i) {
        if (root[i] != static_cast<int>(i) || nodes[i].is_constant) continue;
        std::size_t bytes = nodes[i].output_bytes;
        for (std::size_t j = i; j < N; ++j)
            if (root[j] == static_cast<int>(i)) bytes = std::max(bytes, nodes[j].output_bytes);
        bufs[count] = {nodes[i].is_input ? 0 : static_cast<int>(i), root_last[i], align_up(bytes), 0};
        owner[count] = static_cast<int>(i);
        buffer_of_root[i] = static_cast<int>(count);
        ++count;
    }
    for (std::size_t i = 0; i < N; ++i) {
        if (nodes[i].scratch_bytes == 0) continue;
        bufs[count] = {static_cast<int>(i), static_cast<int>(i), align_up(nodes[i].scratch_bytes), 0};
        owner[count] = static_cast<int>(i);
        is_scratch[count] = true;
        ++count;
    }

    // 3. The live-bytes lower bound.
    for (int s = 0; s <= steps; ++s) {
        std::size_t live = 0;
        for (std::size_t k = 0; k < count; ++k)
            if (bufs[k].first <= s && s <= bufs[k].last) live += bufs[k].bytes;
        p.live_bytes_bound = std::max(p.live_bytes_bound, live);
    }

    // The buffer each buffer is computed from (input 0's), for two-ended placement.
    std::array<int, M> parent{};
    for (std::size_t k = 0; k < count; ++k) {
        parent[k] = -1;
        const node_request& n = nodes[static_cast<std::size_t>(owner[k])];
        if (!is_scratch[k] && n.input_count > 0) {
            const auto src_root = static_cast<std::size_t>(root[static_cast<std::size_t>(n.inputs[0])]);
            const int pb = buffer_of_root[src_root];
            if (pb != static_cast<int>(k)) parent[k] = pb;
        }
    }

    // 4. Placement: try three strategies, keep the smallest arena.
    std::array<std::size_t, M> by_size{};
    std::array<std::size_t, M> by_start{};
    for (std::size_t k = 0; k < count; ++k) by_size[k] = by_start[k] = k;
    std::sort(by_size.begin(), by_size.begin() + static_cast<std::ptrdiff_t>(count), [&](std::size_t lhs, std::size_t rhs) {
        return bufs[lhs].bytes != bufs[rhs].bytes ? bufs[lhs].bytes > bufs[rhs].bytes : lhs < rhs;
    });
    std::sort(by_start.begin(), by_start.begin() + static_cast<std::ptrdiff_t>(count), [&](std::size_t lhs, std::size_t rhs) {
        if (bufs[lhs].first != bufs[rhs].first) return bufs[lhs].first < bufs[rhs].first;
        return bufs[lhs].bytes != bufs[rhs].bytes ? bufs[lhs].bytes > bufs[rhs].bytes : lhs < rhs;
    });
    std::array<buffer, M> greedy = bufs;
    std::array<buffer, M> linear = bufs;
    std::array<buffer, M> two_ended = bufs;
    const std::size_t greedy_bytes = detail::place(greedy, count, by_size);
    const std::size_t linear_bytes = detail::place(linear, count, by_start);
    const std::size_t two_ended_bytes =
        detail::place_two_ended(two_ended, count, by_start, parent, p.live_bytes_bound);
    const std::array<buffer, M>* best = &two_ended;
    p.arena_bytes = two_ended_bytes;
    if (greedy_bytes < p.arena_bytes) {
        best = &greedy;
        p.arena_bytes = greedy_bytes;
    }
    if (linear_bytes < p.arena_bytes) {
        best = &linear;
        p.arena_bytes = linear_bytes;
    }
    // Still above the bound: search perturbed largest-first orders (a fixed
    // pseudo-random sequence, so every build plans the same way).
    std::array<buffer, M> trial{};
    std::array<buffer, M> searched{};
    std::uint32_t seed = 0x9e3779b9u;
    for (int attempt = 0; attempt < search_attempts && p.arena_bytes > p.live_bytes_bound && count > 1; ++attempt) {
        std::array<std::size_t, M> order = by_size;
        for (std::size_t k = count - 1; k > 0; --k) {
            seed = seed * 1664525u + 1013904223u;
            // Swap with a near neighbour: keeps roughly largest-first.
            const std::size_t span = 1 + static_cast<std::size_t>(attempt % 4);
            const std::size_t j = k - std::min<std::size_t>(k, (seed >> 16) % (span + 1));
            std::swap(order[k], order[j]);
        }
        trial = bufs;
        const std::size_t bytes = detail::place(trial, count, order);
        if (bytes < p.arena_bytes) {
            searched = trial;
            best = &searched;
            p.arena_bytes = bytes;
        }
    }

    for (std::size_t k = 0; k < count; ++k) {
        const auto n = static_cast<std::size_t>(owner[k]);
        if (is_scratch[k]) p.scratch_offset[n] = (*best)[k].offset;
        else p.output_offset[n] = (*best)[k].offset;
    }
    for (std::size_t i = 0; i < N; ++i) p.output_offset[i] = p.output_offset[static_cast<std::size_t>(root[i])];
    return p;
}

}  // namespace ctnn::planner
