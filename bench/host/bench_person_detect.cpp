// person_detect (examples/models/person_detect.tflite) on the host, one inference per
// iteration, with the kernels of CTNN_BENCH_ISA (scalar; sse41 in the -msse4.1 build; avx2 in
// the -mavx2 build).
// The input is pseudo-random over the full int8 range (as in bench/firmware/bench_model.cpp).
#include <cstdint>
#include <cstdio>

#include <benchmark/benchmark.h>
#include <ctnn/ctnn.hpp>

#include "../bench_input.hpp"

#include "ctnn_bench_person_detect.hpp"

#define CTNN_BENCH_STR2(x) #x
#define CTNN_BENCH_STR(x) CTNN_BENCH_STR2(x)

namespace {

ctnn::network<ctnn_bench_person_detect::model, ctnn::isa::CTNN_BENCH_ISA> net;

void fill_input() { ctnn_bench::fill_pseudo_random(net.input()); }

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
