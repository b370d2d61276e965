// RESHAPE keeps the element count: a [1, 4, 4, 2] tensor (32 elements)
// cannot become [1, 30]. The error names the rule and both counts.
//
// expect: reshape_changes_the_element_count<32, 30>
#include <cstdint>

#include <ctnn/ctnn.hpp>
#include <ctnn/ops/reshape.hpp>

namespace {
#ifdef CTNN_COMPILE_FAIL_CONTROL
using flat = ctnn::shape<1, 32>;
#else
using flat = ctnn::shape<1, 30>;
#endif

using model = ctnn::graph<ctnn::input<ctnn::shape<1, 4, 4, 2>, ctnn::quant{0.5f, 0}>,  //
                          ctnn::reshape<ctnn::from<0>, flat>>;
}  // namespace

static_assert(model::arena_bytes > 0);
