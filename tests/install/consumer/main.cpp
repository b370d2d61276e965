// A downstream program: what a user writes after find_package(ctnn) or
// add_subdirectory(ctnn). One FULLY_CONNECTED layer, checked at compile time
// against a board and run once.
//
// Scales chosen so the requantization is exact (0.5 * 0.5 / 0.25 = 1):
//   x = [1, 2, 3, 4]
//   y0 = 1*1 + 1*2 + 1*3 + 1*4 + 0         = 10
//   y1 = 1*1 - 1*2 + 2*3 - 2*4 + 5         = 2
#include <cstdint>
#include <cstdio>

#include <ctnn/ctnn.hpp>

namespace {
alignas(16) inline constexpr std::int8_t weights[2 * 4] = {1, 1, 1, 1,  //
                                                           1, -1, 2, -2};
alignas(16) inline constexpr std::int32_t bias[2] = {0, 5};
inline constexpr float weight_scales[1] = {0.5f};

using model = ctnn::graph<
    ctnn::input<ctnn::shape<1, 4>, ctnn::quant{0.5f, 0}>,
    ctnn::fully_connected<ctnn::from<0>, ctnn::fully_connected_params{.units = 2, .depth = 4},
                          ctnn::quant{0.25f, 0}, weights, bias, weight_scales>>;

static_assert(ctnn::Graph<model>);
static_assert(model::macs == 8);
static_assert(ctnn::fits<model, ctnn::boards::seeeduino_xiao>);

ctnn::network<model> net;
}  // namespace

int main() {
    auto in = net.input();
    for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<std::int8_t>(i + 1);
    net.invoke();
    const auto out = net.output();
    std::printf("ctnn consumer: arena %zu bytes, y = %d %d\n", model::arena_bytes, static_cast<int>(out[0]),
                static_cast<int>(out[1]));
    return out[0] == 10 && out[1] == 2 ? 0 : 1;
}
