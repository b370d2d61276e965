# cmake -DCXX=... -DFLAGS=a|b|c -DINCLUDE_DIR=... -DSOURCE=snippet.cpp -P check.cmake
#
# Passes when SOURCE compiles with -DCTNN_COMPILE_FAIL_CONTROL and fails
# without it, with every `// expect: <regex>` line of SOURCE matching the
# compiler's output.
foreach(var CXX FLAGS INCLUDE_DIR SOURCE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check.cmake: -D${var}=... is required")
    endif()
endforeach()
string(REPLACE "|" ";" flags "${FLAGS}")

file(STRINGS "${SOURCE}" expect_lines REGEX "^// expect: ")
if(NOT expect_lines)
    message(FATAL_ERROR "${SOURCE}: no '// expect: <regex>' line")
endif()

set(compile ${CXX} ${flags} -fsyntax-only -I ${INCLUDE_DIR} ${SOURCE})

# 1. The control variant compiles, warning-free.
execute_process(COMMAND ${compile} -DCTNN_COMPILE_FAIL_CONTROL
    RESULT_VARIABLE control_rc OUTPUT_VARIABLE control_out ERROR_VARIABLE control_out)
if(NOT control_rc EQUAL 0)
    string(REPLACE ";" " " shown "${compile} -DCTNN_COMPILE_FAIL_CONTROL")
    message(FATAL_ERROR "the control variant must compile but did not:\n  ${shown}\n${control_out}")
endif()

# 2. The snippet itself does not, and says why.
execute_process(COMMAND ${compile}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REPLACE ";" " " shown "${compile}")
if(rc EQUAL 0)
    message(FATAL_ERROR "expected a compile error, but it compiled:\n  ${shown}")
endif()
set(missing "")
foreach(line IN LISTS expect_lines)
    string(REGEX REPLACE "^// expect: " "" regex "${line}")
    if(NOT out MATCHES "${regex}")
        string(APPEND missing "  ${regex}\n")
    endif()
endforeach()
if(missing)
    message(FATAL_ERROR "the compile failed, but its output lacks:\n${missing}command:\n  ${shown}\noutput:\n${out}")
endif()
foreach(line IN LISTS expect_lines)
    string(REGEX REPLACE "^// expect: " "" regex "${line}")
    message(STATUS "ok: fails with /${regex}/")
endforeach()
