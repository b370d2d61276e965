// Deliberately faults. The fault handler must report it and exit with status 99 at once (a
// crashing test must never hang CI until its timeout); run through expect_exit.cmake, which
// checks the status and the "*** FAULT" line.
#include <cstdint>
#include <cstdio>

int main() {
    std::puts("test_fault: executing an undefined instruction");
    __asm__ volatile("udf #0");  // UsageFault (UNDEFINSTR)
    std::puts("test_fault: still running after the fault?");
    return 0;
}
