// A model needs at least one ctnn::input node; a graph made only of layers
// that read nothing is rejected with a message naming the fix.
//
// expect: a model needs at least one ctnn::input node
#include <cstdint>

#include <ctnn/ctnn.hpp>

namespace {
// A node with no inputs that is not a model input.
struct constant_node {
    using sources = ctnn::from<>;
    template <class... Inputs>
    struct bind {
        using op_tag = struct constant_tag;
        using output = ctnn::tensor<ctnn::shape<1, 4>, ctnn::quant{0.5f, 0}>;
        static constexpr std::string_view name = "CONSTANT";
#ifdef CTNN_COMPILE_FAIL_CONTROL
        static constexpr ctnn::node_kind kind = ctnn::node_kind::input;
#else
        static constexpr ctnn::node_kind kind = ctnn::node_kind::compute;
#endif
        static constexpr std::uint64_t macs = 0;
        static constexpr std::size_t weight_bytes = 0;
        static constexpr std::size_t scratch_bytes = 0;
        static constexpr bool in_place = false;
    };
};

using model = ctnn::graph<constant_node>;
}  // namespace

static_assert(model::size == 1);
