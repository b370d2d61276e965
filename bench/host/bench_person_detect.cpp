// person_detect (examples/models/person_detect.tflite) on the host, one inference per
// iteration, with the kernels of CTNN_BENCH_ISA (scalar; sse41 in the -msse4.1 build; avx2 in
// the -mavx2 build).
// The input is pseudo-random over the full int8 range (as in bench/firmware/bench_model.cpp).
#include <cstdint>
#include <cstdio>

#include <benchmark/benchmark.h>
#include <ctnn/ctnn.hpp>

#include "ctnn_bench_person_detect.hpp"

#define CTNN_BENCH_STR2(x) #x
#define CTNN_BENCH_STR(x) CTNN_BENCH_STR2(x)

namespace {

ctnn::network<ctnn_bench_person_detect::model, ctnn::isa::CTNN_BENCH_ISA> net;

void fill_input() {
    auto in = net.input();
    using T = typename decltype(in)::value_type;
    std::uint32_t x = 0x2545F491u;
    for (std::size_t i = 0; i < decltype(in)::extent; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        in[i] = static_cast<T>(static_cast<std::int32_t>(x & 0xFFu) - 128);
    }
}

void person_detect_invoke(benchmark::State& state) {
    fill_input();
    for (auto _ : state) {
        net.invoke();
        benchmark::DoNotOptimize(net.output().data());
        benchmark::ClobberMemory();
    }
}

}  // namespace

BENCHMARK(person_detect_invoke)->Name("person_detect/ctnn_" CTNN_BENCH_STR(CTNN_BENCH_ISA))->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
#if defined(__AVX2__) && (defined(__GNUC__) || defined(__clang__))
    if (!__builtin_cpu_supports("avx2")) {
        std::printf("SKIP: this CPU has no AVX2 (built with -mavx2)\n");
        return 0;
    }
#elif defined(__SSE4_1__) && (defined(__GNUC__) || defined(__clang__))
    if (!__builtin_cpu_supports("sse4.1")) {
        std::printf("SKIP: this CPU has no SSE4.1 (built with -msse4.1)\n");
        return 0;
    }
#endif
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
