/*
 * ctnn_icount.c - QEMU TCG plugin: exact instruction counts of the code regions delimited by
 * calls to two marker functions (platform/platform.hpp: ctnn_bench_begin / ctnn_bench_end).
 *
 * Build:  bench/firmware/plugin/build.sh [OUT_DIR]      (header from Debian's qemu source)
 * Use:    qemu-system-arm ... -plugin OUT_DIR/libctnn_icount.so[,begin=SYM|0xADDR][,end=SYM|0xADDR]
 *                             -d plugin [-D log.txt]
 * Prints, per region i:   ctnn_icount: region i insns=N
 * and at exit:            ctnn_icount: total insns=N regions=R
 *
 * Region i = every instruction executed after ctnn_bench_begin returns up to (not including)
 * the first instruction of ctnn_bench_end: it includes the `bl ctnn_bench_end`. Counting is
 * per translation block with inline counters (fast); marker blocks get a callback. The marker
 * functions must be branch-free single blocks (they are: a nop and a return).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum { MARK_NONE, MARK_BEGIN, MARK_END };

typedef struct {
    uint64_t insns;
    int mark;
} Block;

static uint64_t total;       /* instructions executed so far */
static uint64_t region_start;
static int in_region, regions;
static const char *begin_sym = "ctnn_bench_begin", *end_sym = "ctnn_bench_end";
static uint64_t begin_addr, end_addr;

static void on_marker(unsigned int vcpu, void *udata) {
    const Block *b = udata;
    (void)vcpu;
    if (b->mark == MARK_END && in_region) {
        char line[128];
        snprintf(line, sizeof line, "ctnn_icount: region %d insns=%" PRIu64 "\n", regions, total - region_start);
        qemu_plugin_outs(line);
        in_region = 0;
        ++regions;
    }
    total += b->insns;
    if (b->mark == MARK_BEGIN) {
        region_start = total;
        in_region = 1;
    }
}

static int matches(uint64_t vaddr, const char *sym, uint64_t addr, const char *name) {
    if (addr) return (vaddr & ~1ull) == addr;
    return sym != NULL && strcmp(sym, name) == 0;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    if (n == 0) return;
    struct qemu_plugin_insn *first = qemu_plugin_tb_get_insn(tb, 0);
    const char *sym = qemu_plugin_insn_symbol(first);
    uint64_t va = qemu_plugin_insn_vaddr(first);
    int mark = matches(va, sym, begin_addr, begin_sym) ? MARK_BEGIN
             : matches(va, sym, end_addr, end_sym)     ? MARK_END
                                                       : MARK_NONE;
    if (mark == MARK_NONE) {
        qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &total, n);
        return;
    }
    Block *b = calloc(1, sizeof *b); /* lives as long as the translation: never freed */
    b->insns = n;
    b->mark = mark;
    qemu_plugin_register_vcpu_tb_exec_cb(tb, on_marker, QEMU_PLUGIN_CB_NO_REGS, b);
}

static void on_plugin_exit(qemu_plugin_id_t id, void *p) {
    (void)id;
    (void)p;
    char line[128];
    snprintf(line, sizeof line, "ctnn_icount: total insns=%" PRIu64 " regions=%d\n", total, regions);
    qemu_plugin_outs(line);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv) {
    (void)info;
    for (int i = 0; i < argc; ++i) {
        char *arg = argv[i], *value = strchr(arg, '=');
        if (value == NULL) {
            fprintf(stderr, "ctnn_icount: expected key=value, got '%s'\n", arg);
            return -1;
        }
        *value++ = '\0';
        int is_addr = strncmp(value, "0x", 2) == 0;
        if (strcmp(arg, "begin") == 0) {
            if (is_addr) begin_addr = strtoull(value, NULL, 16) & ~1ull; else begin_sym = strdup(value);
        } else if (strcmp(arg, "end") == 0) {
            if (is_addr) end_addr = strtoull(value, NULL, 16) & ~1ull; else end_sym = strdup(value);
        } else {
            fprintf(stderr, "ctnn_icount: unknown argument '%s' (begin=, end=)\n", arg);
            return -1;
        }
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_plugin_exit, NULL);
    return 0;
}
