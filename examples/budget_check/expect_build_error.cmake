# cmake -DBUILD_DIR=<build tree> -DTARGET=<target> -DEXPECT=<regex> [-DCONFIG=<config>] -P expect_build_error.cmake
#
# Builds TARGET in BUILD_DIR and passes when the build FAILS and its output matches EXPECT; the
# compiler's error lines are printed. A target that builds, or fails for another reason, fails the test.
foreach(var BUILD_DIR TARGET EXPECT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "expect_build_error.cmake: -D${var}=... is required")
    endif()
endforeach()
set(config_args "")
if(CONFIG)
    set(config_args --config "${CONFIG}")
endif()
execute_process(
    COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}" ${config_args}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
    message(FATAL_ERROR "${TARGET} was expected not to compile, but it built:\n${out}")
endif()
if(NOT out MATCHES "${EXPECT}")
    message(FATAL_ERROR "${TARGET} failed to build, but without /${EXPECT}/:\n${out}")
endif()
string(REGEX REPLACE "\r?\n" ";" lines "${out}")
foreach(line IN LISTS lines)
    if(line MATCHES "error:")  # the compiler's errors, without the (long) template arguments
        string(SUBSTRING "${line}" 0 240 shown)
        message(STATUS "${shown}")
    endif()
endforeach()
message(STATUS "ok: ${TARGET} does not compile: /${EXPECT}/")
