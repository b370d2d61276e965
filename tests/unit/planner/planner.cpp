// The memory planner on random DAGs: no two live tensors share bytes, offsets
// are aligned, the arena never falls below the live-bytes bound, and on
// chains it meets the bound exactly.
#include "ctnn/planner/planner.hpp"

#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>

namespace {

constexpr std::size_t nodes = 24;
using requests = std::array<ctnn::planner::node_request, nodes>;

struct lifetime {
    int first;
    int last;
};

// Lifetimes of every storage root, recomputed from the plan independently.
std::array<lifetime, nodes> root_lifetimes(const requests& r, const ctnn::planner::plan<nodes>& p) {
    std::array<lifetime, nodes> life{};
    for (std::size_t i = 0; i < nodes; ++i) life[i] = {static_cast<int>(nodes) + 1, -1};
    for (std::size_t i = 0; i < nodes; ++i) {
        const auto root = static_cast<std::size_t>(p.storage_of[i]);
        const int first = r[i].is_input ? 0 : static_cast<int>(i);
        life[root].first = std::min(life[root].first, first);
        life[root].last = std::max(life[root].last, p.last_use[i]);
    }
    return life;
}

void check_plan(const requests& r) {
    const auto p = ctnn::planner::make_plan(r);
    const auto life = root_lifetimes(r, p);
    REQUIRE(p.arena_bytes >= p.live_bytes_bound);
    for (std::size_t i = 0; i < nodes; ++i) {
        REQUIRE(p.output_offset[i] % ctnn::planner::alignment == 0);
        REQUIRE(p.output_offset[i] + r[i].output_bytes <= p.arena_bytes);
        if (r[i].scratch_bytes > 0) REQUIRE(p.scratch_offset[i] + r[i].scratch_bytes <= p.arena_bytes);
    }
    // Pairwise: roots alive at a common step never overlap in memory.
    for (std::size_t a = 0; a < nodes; ++a) {
        if (p.storage_of[a] != static_cast<int>(a)) continue;
        for (std::size_t b = a + 1; b < nodes; ++b) {
            if (p.storage_of[b] != static_cast<int>(b)) continue;
            const bool same_time = life[a].first <= life[b].last && life[b].first <= life[a].last;
            if (!same_time) continue;
            std::size_t bytes_a = 0;
            std::size_t bytes_b = 0;
            for (std::size_t k = 0; k < nodes; ++k) {
                if (p.storage_of[k] == static_cast<int>(a)) bytes_a = std::max(bytes_a, r[k].output_bytes);
                if (p.storage_of[k] == static_cast<int>(b)) bytes_b = std::max(bytes_b, r[k].output_bytes);
            }
            const bool disjoint = p.output_offset[a] + bytes_a <= p.output_offset[b] ||
                                  p.output_offset[b] + bytes_b <= p.output_offset[a];
            INFO("roots " << a << " and " << b);
            REQUIRE(disjoint);
        }
        // Scratch of node s is alive at step s only.
        for (std::size_t s = 0; s < nodes; ++s) {
            if (r[s].scratch_bytes == 0) continue;
            if (!(life[a].first <= static_cast<int>(s) && static_cast<int>(s) <= life[a].last)) continue;
            std::size_t bytes_a = 0;
            for (std::size_t k = 0; k < nodes; ++k)
                if (p.storage_of[k] == static_cast<int>(a)) bytes_a = std::max(bytes_a, r[k].output_bytes);
            const bool disjoint = p.output_offset[a] + bytes_a <= p.scratch_offset[s] ||
                                  p.scratch_offset[s] + r[s].scratch_bytes <= p.output_offset[a];
            REQUIRE(disjoint);
        }
    }
}

}  // namespace

TEST_CASE("chains meet the live-bytes bound exactly", "[planner]") {
    std::mt19937 rng(1234);
    std::uniform_int_distribution<std::size_t> size(1, 5000);
    for (int trial = 0; trial < 200; ++trial) {
        requests r{};
        r[0] = {.output_bytes = size(rng), .is_input = true};
        for (std::size_t i = 1; i < nodes; ++i)
            r[i] = {.output_bytes = size(rng), .input_count = 1, .inputs = {static_cast<int>(i - 1)}};
        r[nodes - 1].is_output = true;
        check_plan(r);
        const auto p = ctnn::planner::make_plan(r);
        REQUIRE(p.arena_bytes == p.live_bytes_bound);
    }
}

TEST_CASE("random DAGs with aliases, in-place ops and scratch stay valid", "[planner]") {
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::size_t> size(1, 4000);
    std::uniform_int_distribution<int> coin(0, 9);
    std::size_t above_bound = 0;
    double worst = 1.0;
    for (int trial = 0; trial < 500; ++trial) {
        requests r{};
        r[0] = {.output_bytes = size(rng), .is_input = true};
        for (std::size_t i = 1; i < nodes; ++i) {
            auto& n = r[i];
            n.output_bytes = size(rng);
            std::uniform_int_distribution<int> pick(0, static_cast<int>(i) - 1);
            n.input_count = 1 + (coin(rng) < 3 ? 1 : 0);
            n.inputs[0] = coin(rng) < 7 ? static_cast<int>(i) - 1 : pick(rng);
            n.inputs[1] = pick(rng);
            const int kind = coin(rng);
            if (kind == 0) {
                n.is_alias = true;
                n.output_bytes = r[static_cast<std::size_t>(n.inputs[0])].output_bytes;
            } else if (kind < 3) {
                n.in_place = true;
            }
            if (coin(rng) == 0) n.scratch_bytes = size(rng);
        }
        r[nodes - 1].is_output = true;
        check_plan(r);
        const auto p = ctnn::planner::make_plan(r);
        if (p.arena_bytes > p.live_bytes_bound) ++above_bound;
        worst = std::max(worst, static_cast<double>(p.arena_bytes) / static_cast<double>(p.live_bytes_bound));
    }
    // Contiguous placement cannot always meet the bound on general DAGs (these
    // random ones, with long-range edges and scratch, are far less regular
    // than real models, which tests/conformance holds to the bound). Measured
    // with the current strategies: 105 of 500 above, worst ratio 1.11.
    INFO(above_bound << " of 500 DAG plans exceed the live-bytes bound; worst ratio " << worst);
    CHECK(above_bound <= 110);
    CHECK(worst < 1.12);
}

TEST_CASE("an element-wise op runs in place only when its input dies there", "[planner]") {
    std::array<ctnn::planner::node_request, 4> r{};
    r[0] = {.output_bytes = 64, .is_input = true};
    r[1] = {.output_bytes = 64, .input_count = 1, .inputs = {0}};
    r[2] = {.output_bytes = 64, .in_place = true, .input_count = 1, .inputs = {1}};
    r[3] = {.output_bytes = 64, .is_output = true, .input_count = 1, .inputs = {2}};
    auto p = ctnn::planner::make_plan(r);
    CHECK(p.storage_of[2] == 1);
    CHECK(p.output_offset[2] == p.output_offset[1]);

    r[3].input_count = 2;  // node 3 also reads tensor 1: node 2 may not overwrite it
    r[3].inputs = {2, 1};
    p = ctnn::planner::make_plan(r);
    CHECK(p.storage_of[2] == 2);
    CHECK(p.output_offset[2] != p.output_offset[1]);

    r[3] = {.output_bytes = 64, .is_output = true, .input_count = 1, .inputs = {2}};
    r[1].is_input = false;
    r[2].inputs = {0};  // in place over a model input: refused, the caller owns it
    p = ctnn::planner::make_plan(r);
    CHECK(p.storage_of[2] == 2);
}

TEST_CASE("aliases take no bytes", "[planner]") {
    std::array<ctnn::planner::node_request, 3> r{};
    r[0] = {.output_bytes = 1000, .is_input = true};
    r[1] = {.output_bytes = 1000, .is_alias = true, .input_count = 1, .inputs = {0}};
    r[2] = {.output_bytes = 10, .is_output = true, .input_count = 1, .inputs = {1}};
    const auto p = ctnn::planner::make_plan(r);
    CHECK(p.output_offset[1] == p.output_offset[0]);
    CHECK(p.arena_bytes == 1008 + 16);
}
