# Runs a firmware under QEMU and checks its exit status and output, for tests that must fail in
# a specific way (a fault exits with 99 and prints "*** FAULT", it doesn't hang).
#   cmake -DCOMMAND="qemu;...;-kernel;fw.elf" -DEXPECTED_STATUS=99 -DEXPECTED_OUTPUT=regex -P expect_exit.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
message("${out}${err}")
if(NOT "${status}" STREQUAL "${EXPECTED_STATUS}")
    message(FATAL_ERROR "expected exit status ${EXPECTED_STATUS}, got '${status}'")
endif()
if(DEFINED EXPECTED_OUTPUT AND NOT "${out}${err}" MATCHES "${EXPECTED_OUTPUT}")
    message(FATAL_ERROR "output does not match '${EXPECTED_OUTPUT}'")
endif()
message("exit status ${status} as expected")
