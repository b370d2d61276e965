// ctnn firmware runner, compiled by ctnn_tools/firmware.py for `ctnn verify --target cortex-*`.
//
// The host runner's protocol (build.py), on a Cortex-M core under qemu-system-arm. The command
// line comes from semihosting (QEMU -semihosting-config ...,arg=runner,arg=run,arg=IN,...):
//
//   runner table OUT          the planner's table, as text (build.py: parse_table)
//   runner run IN OUT N       N inputs from IN, the outputs of each to OUT
//   runner dump IN OUT N      every node's output for each input
//
// Files are read and written with semihosting calls (SYS_OPEN/READ/WRITE, paths relative to
// QEMU's working directory), straight into and out of the network's arena: the inputs never sit
// in the firmware image, so any number of them fits any board. Exit status: 0 ok, 2 usage or
// open, 3 short read, 4 write, 99 fault (platform/startup.cpp).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include <ctnn/ctnn.hpp>

#include "platform.hpp"
#include "semihosting.hpp"

#include CTNN_RUNNER_HEADER

namespace {

using M = CTNN_RUNNER_NAMESPACE::model;
__attribute__((section(".bss.ctnn_arena"))) ctnn::network<M> net;

// --- semihosting file I/O ----------------------------------------------------------------------
namespace sh {

constexpr std::uint32_t sys_open = 0x01, sys_close = 0x02, sys_write = 0x05, sys_read = 0x06,
                        sys_get_cmdline = 0x15;
constexpr std::uint32_t mode_rb = 1, mode_wb = 5;

std::uint32_t word(const void* p) noexcept { return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(p)); }

std::uint32_t call(std::uint32_t operation, const std::uint32_t* block) noexcept {
    return fw::semihosting::call(static_cast<fw::semihosting::op>(operation), block);
}

int open(const char* path, std::uint32_t mode) noexcept {
    const std::uint32_t block[3] = {word(path), mode, static_cast<std::uint32_t>(std::strlen(path))};
    return static_cast<int>(call(sys_open, block));
}
void close(int handle) noexcept {
    const std::uint32_t block[1] = {static_cast<std::uint32_t>(handle)};
    call(sys_close, block);
}
// SYS_READ and SYS_WRITE return the number of bytes NOT transferred.
bool read(int handle, void* data, std::size_t n) noexcept {
    const std::uint32_t block[3] = {static_cast<std::uint32_t>(handle), word(data), static_cast<std::uint32_t>(n)};
    return n == 0 || call(sys_read, block) == 0;
}
bool write(int handle, const void* data, std::size_t n) noexcept {
    const std::uint32_t block[3] = {static_cast<std::uint32_t>(handle), word(data), static_cast<std::uint32_t>(n)};
    return n == 0 || call(sys_write, block) == 0;
}
bool cmdline(char* buffer, std::size_t size) noexcept {
    std::uint32_t block[2] = {word(buffer), static_cast<std::uint32_t>(size)};
    return call(sys_get_cmdline, block) == 0;
}

}  // namespace sh

bool ok = true;  // every write succeeded

// --- the table, as text ------------------------------------------------------------------------
struct text {
    int handle;
    char buffer[160];
    std::size_t used = 0;

    void put(const char* s) noexcept {
        while (*s != '\0') {
            if (used == sizeof buffer) flush();
            buffer[used++] = *s++;
        }
    }
    void put(const char* s, std::size_t n) noexcept {
        for (std::size_t i = 0; i < n; ++i) {
            if (used == sizeof buffer) flush();
            buffer[used++] = s[i];
        }
    }
    void num(std::uint64_t v) noexcept { put(fw::decimal(v).text); }
    void flush() noexcept {
        ok = sh::write(handle, buffer, used) && ok;
        used = 0;
    }
};

const char* isa_name(ctnn::isa i) noexcept {
    switch (i) {
        case ctnn::isa::scalar: return "scalar";
        case ctnn::isa::arm_dsp: return "arm_dsp";
        case ctnn::isa::arm_mve: return "arm_mve";
        default: return "other";
    }
}

void write_table(int handle) noexcept {
    text t{handle};
    t.put("arena_bytes ");
    t.num(M::arena_bytes);
    t.put("\nweight_bytes ");
    t.num(M::weight_bytes);
    t.put("\nmacs ");
    t.num(M::macs);
    t.put("\nisa ");
    t.put(isa_name(decltype(net)::target_isa));
    t.put("\ncore ");
    t.put(CTNN_FW_CORE);
    t.put("\n");
    for (std::size_t i = 0; i < M::size; ++i) {
        const auto& r = M::table[i];
        t.put("node ");
        t.num(i);
        t.put(" ");
        t.put(r.op.data(), r.op.size());
        t.put(" ");
        t.num(r.macs);
        t.put(" ");
        t.num(r.weight_bytes);
        t.put(" ");
        t.num(r.output_bytes);
        t.put(" ");
        t.num(r.output_offset);
        t.put(" ");
        t.num(r.scratch_bytes);
        t.put(r.aliased ? " 1\n" : " 0\n");
    }
    t.flush();
}

// --- run and dump: as the host runner ----------------------------------------------------------
template <std::size_t... K>
bool read_inputs(int in, std::index_sequence<K...>) noexcept {
    bool good = true;
    ((good = good && sh::read(in, net.input<K>().data(), M::template input_tensor<K>::bytes)), ...);
    return good;
}

template <std::size_t... K>
void write_outputs(int out, std::index_sequence<K...>) noexcept {
    ((ok = sh::write(out, net.output<K>().data(), M::template output_tensor<K>::bytes) && ok), ...);
}

template <std::size_t I>
void dump_node(int out) noexcept {
    using L = typename M::template layer<I>;
    if constexpr (L::kind == ctnn::node_kind::compute) net.step();
    ok = sh::write(out, net.template tensor_at<I>().data(), M::template tensor<I>::bytes) && ok;
}

template <std::size_t... I>
void dump_all(int out, std::index_sequence<I...>) noexcept {
    net.start();
    (dump_node<I>(out), ...);
}

long to_long(const char* s) noexcept {
    long v = 0;
    for (; *s >= '0' && *s <= '9'; ++s) v = v * 10 + (*s - '0');
    return v;
}

}  // namespace

int main() {
    static char line[512];
    if (!sh::cmdline(line, sizeof line - 1)) return 2;
    const char* argv[8] = {};
    int argc = 0;
    for (char* p = line; *p != '\0' && argc < 8;) {  // split on spaces: runner MODE ARGS...
        while (*p == ' ') *p++ = '\0';
        if (*p == '\0') break;
        argv[argc++] = p;
        while (*p != '\0' && *p != ' ') ++p;
    }
    if (argc == 3 && std::strcmp(argv[1], "table") == 0) {
        const int out = sh::open(argv[2], sh::mode_wb);
        if (out < 0) return 2;
        write_table(out);
        sh::close(out);
        return ok ? 0 : 4;
    }
    if (argc == 5 && (std::strcmp(argv[1], "run") == 0 || std::strcmp(argv[1], "dump") == 0)) {
        const int in = sh::open(argv[2], sh::mode_rb);
        const int out = sh::open(argv[3], sh::mode_wb);
        if (in < 0 || out < 0) return 2;
        const long n = to_long(argv[4]);
        const bool run = argv[1][0] == 'r';
        constexpr auto ins = std::make_index_sequence<M::input_nodes.size()>{};
        for (long k = 0; k < n; ++k) {
            if (!read_inputs(in, ins)) return 3;
            if (run) {
                net.invoke();
                write_outputs(out, std::make_index_sequence<M::output_nodes.size()>{});
            } else {
                dump_all(out, std::make_index_sequence<M::size>{});
            }
        }
        sh::close(in);
        sh::close(out);
        return ok ? 0 : 4;
    }
    return 2;
}
