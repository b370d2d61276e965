// ops/padding.hpp: TFLite's ComputeOutSize / ComputePaddingWithOffset.
#include "ctnn/ops/padding.hpp"

#include <catch2/catch_test_macros.hpp>

namespace {

using ctnn::padding;
using ctnn::window_padding;

// Output sizes (ComputeOutSize).
static_assert(ctnn::window_output_size(padding::same, 49, 10, 2) == 25);
static_assert(ctnn::window_output_size(padding::valid, 49, 10, 2) == 20);
static_assert(ctnn::window_output_size(padding::valid, 10, 4, 1) == 7);
static_assert(ctnn::window_output_size(padding::same, 5, 3, 2) == 3);
static_assert(ctnn::window_output_size(padding::same, 6, 3, 2) == 3);
static_assert(ctnn::window_output_size(padding::same, 7, 3, 1, 2) == 7);
static_assert(ctnn::window_output_size(padding::valid, 7, 3, 1, 2) == 3);   // dilated extent 5
static_assert(ctnn::window_output_size(padding::valid, 4, 5, 1) == 0);      // kernel larger than input
static_assert(ctnn::window_output_size(padding::valid, 3, 3, 1, 2) == 0);   // dilated kernel larger than input

// Padding before / odd remainder after (ComputePaddingWithOffset).
static_assert(ctnn::compute_window_padding(2, 1, 49, 10, 25) == window_padding{4, 1});
static_assert(ctnn::compute_window_padding(2, 1, 49, 10, 20) == window_padding{0, 0});  // VALID: clamped at 0
static_assert(ctnn::compute_window_padding(2, 1, 5, 3, 3) == window_padding{1, 0});
static_assert(ctnn::compute_window_padding(2, 1, 6, 3, 3) == window_padding{0, 1});
static_assert(ctnn::compute_window_padding(1, 2, 7, 3, 7) == window_padding{2, 0});
static_assert(ctnn::compute_window_padding(2, 1, 5, 1, 3) == window_padding{0, 0});
static_assert(ctnn::compute_window_padding(1, 1, 8, 4, 8) == window_padding{1, 1});     // even kernel: more after

// Both dimensions at once (ComputePaddingHeightWidth).
constexpr auto g = ctnn::make_window2d(padding::same, 49, 10, 10, 4, 2, 2);
static_assert(g.out_h == 25 && g.out_w == 5);
static_assert(g.pad_h == window_padding{4, 1} && g.pad_w == window_padding{1, 0});

}  // namespace

TEST_CASE("padding: window sizes and paddings at run time match the constexpr ones", "[ops][padding]") {
    int in = 49;
    CHECK(ctnn::window_output_size(padding::same, in, 10, 2) == 25);
    CHECK(ctnn::compute_window_padding(2, 1, in, 10, 25).before == 4);
    CHECK(ctnn::compute_window_padding(2, 1, in, 10, 25).offset == 1);
}
