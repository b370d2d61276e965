// The smallest ctnn program: a model generated from a .tflite, one network, float in, float out.
//
//   scripts/ctnn gen examples/models/hello_world_int8.tflite --name hello_world -o hello_world.hpp
//
// hello_world is TensorFlow Lite Micro's sine model: three FULLY_CONNECTED layers that map x in
// [0, 2 pi] to sin(x), int8 throughout. The build writes the header (examples/CMakeLists.txt);
// this program quantizes a few x, runs the model and prints y next to std::sin(x), then the
// figures the compiler computed for the model. It fails when the model is off by more than 0.2.
#include <cmath>
#include <cstdio>
#include <span>

#include <ctnn/ctnn.hpp>

#include "hello_world.hpp"

using model = hello_world::model;
static_assert(ctnn::fits<model, ctnn::boards::seeeduino_xiao>);  // 32 KiB RAM, 256 KiB flash
static ctnn::network<model> net;                                 // the arena: exactly arena_bytes

int main() {
    int failures = 0;
    for (const float x : {0.5f, 1.0f, 2.0f, 3.0f, 4.5f, 6.0f}) {
        net.input().quantize_from(std::span<const float, 1>(&x, 1));  // float -> int8 with the input's scale
        const int q = net.input()[0];  // read it now: the arena reuses the input's bytes during invoke()
        net.invoke();
        const float y = net.output().real(0);  // int8 -> float with the output's scale
        const double want = std::sin(static_cast<double>(x));
        std::printf("x = %.2f  input %4d  output %4d  y = %+.4f  sin(x) = %+.4f\n", static_cast<double>(x), q,
                    static_cast<int>(net.output()[0]), static_cast<double>(y), want);
        if (std::fabs(static_cast<double>(y) - want) > 0.2) ++failures;
    }
    std::printf("arena_bytes  = %zu\n", model::arena_bytes);
    std::printf("macs         = %llu\n", static_cast<unsigned long long>(model::macs));
    std::printf("weight_bytes = %zu\n", model::weight_bytes);
    return failures == 0 ? 0 : 1;
}
