// Nodes are listed in topological order: a node may only read earlier
// nodes. Node 1 reading node 2 names the rule and both indices.
//
// expect: node_reads_a_later_or_same_node<1, 2>
#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace {
alignas(16) inline constexpr std::int8_t weights[4 * 4] = {};
alignas(16) inline constexpr std::int32_t bias[4] = {};
inline constexpr float weight_scales[1] = {0.5f};

#ifdef CTNN_COMPILE_FAIL_CONTROL
using first_reads = ctnn::from<0>;
#else
using first_reads = ctnn::from<2>;
#endif

template <class From>
using dense = ctnn::fully_connected<From, ctnn::fully_connected_params{.units = 4, .depth = 4}, ctnn::quant{0.25f, 0},
                                    weights, bias, weight_scales>;

using model = ctnn::graph<ctnn::input<ctnn::shape<1, 4>, ctnn::quant{0.5f, 0}>,  // node 0
                          dense<first_reads>,                                    // node 1
                          dense<ctnn::from<1>>>;                                 // node 2
}  // namespace

static_assert(model::arena_bytes > 0);
