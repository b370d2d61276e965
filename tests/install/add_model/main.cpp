// hello_world_int8 (sine regression) through a header that ctnn_add_model generated at build
// time. Prints the arena size and y for a few x; exits 0 if the outputs change with x.
#include <cstdint>
#include <cstdio>

#include <ctnn/ctnn.hpp>

#include "hello.hpp"

namespace {
ctnn::network<hello::model> net;
}

int main() {
    int first = 0;
    bool varies = false;
    std::printf("ctnn add_model: arena %lu bytes, y =", static_cast<unsigned long>(hello::model::arena_bytes));
    for (int x = -120; x <= 120; x += 60) {
        net.input()[0] = static_cast<std::int8_t>(x);
        net.invoke();
        const int y = net.output()[0];
        if (x == -120) first = y;
        varies = varies || y != first;
        std::printf(" %d", y);
    }
    std::printf("\n");
    return varies ? 0 : 1;
}
