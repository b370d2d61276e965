# ctnn_firmware.cmake — build Cortex-M firmware ELFs and run them as CTest tests under QEMU.
#
# Needs the toolchain file cmake/toolchains/arm-none-eabi.cmake (it sets the core's flags, the
# board and CMAKE_CROSSCOMPILING_EMULATOR). Then:
#
#   include(cmake/ctnn_firmware.cmake)
#   ctnn_add_firmware(test_pass SOURCES test_pass.cpp)
#   ctnn_add_firmware(test_fail SOURCES test_fail.cpp WILL_FAIL)
#   ctnn_add_firmware(bench_kws SOURCES bench.cpp NO_TEST DEFINITIONS MODEL=kws)
#
# ctnn_add_firmware(<name>
#     SOURCES <src>...            sources (unnamed arguments are sources too)
#     [LIBRARIES <lib>...]        linked privately (ctnn::ctnn and the platform always are)
#     [DEFINITIONS <def>...]      compile definitions
#     [INCLUDES <dir>...]         include directories
#     [DEPENDS <target>...]       targets to build first (e.g. generated headers)
#     [STACK_SIZE <bytes>]        main stack (default 16 KiB, see platform/linker/sections.ld)
#     [NO_TEST]                   build only; don't register a test
#     [WILL_FAIL]                 the test passes when the firmware fails (exit status != 0)
#     [TIMEOUT <seconds>]         default CTNN_FIRMWARE_TIMEOUT (a hang fails fast)
#     [LABELS <label>...])        added to the label "firmware"
#
# Builds <name>.elf for ${CTNN_CORE} with -Os (CTNN_FIRMWARE_OPT), the warning set as errors,
# -fstack-usage (a .su file per object) and -fcallgraph-info=su; links the platform (startup,
# semihosting, counters) with platform/linker/${CTNN_FIRMWARE_BOARD}.ld; writes <name>.map;
# prints the memory regions' use (--print-memory-usage) and `size`. The test runs
# `qemu-system-arm -M ${CTNN_QEMU_MACHINE} ... -icount shift=0 -kernel <name>.elf`; main()'s
# return value is the result.
# Safe to include from several directories: the variables are set again in each scope, the
# platform target is created once.

if(NOT DEFINED CTNN_FIRMWARE_BOARD OR NOT DEFINED CTNN_QEMU_MACHINE)
    message(FATAL_ERROR "ctnn_firmware.cmake: configure with "
                        "-DCMAKE_TOOLCHAIN_FILE=<ctnn>/cmake/toolchains/arm-none-eabi.cmake -DCTNN_CORE=cortex-m4")
endif()

get_filename_component(CTNN_PLATFORM_DIR "${CMAKE_CURRENT_LIST_DIR}/../platform" ABSOLUTE)
set(CTNN_FIRMWARE_LINKER_SCRIPT "${CTNN_PLATFORM_DIR}/linker/${CTNN_FIRMWARE_BOARD}.ld")

set(CTNN_FIRMWARE_OPT "-Os" CACHE STRING "Optimization flags of ctnn's firmware builds")
set(CTNN_FIRMWARE_TIMEOUT 60 CACHE STRING "Seconds after which a firmware test run under QEMU fails")
set(CTNN_FIRMWARE_WARNINGS
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow
    -Wold-style-cast -Wdouble-promotion -Werror)

# The platform: startup, fault handler, SysTick counters, stack painting. Compiled once.
if(NOT TARGET ctnn_platform)
    add_library(ctnn_platform OBJECT
        "${CTNN_PLATFORM_DIR}/startup.cpp"
        "${CTNN_PLATFORM_DIR}/platform.cpp")
    target_include_directories(ctnn_platform PUBLIC "${CTNN_PLATFORM_DIR}")
    target_compile_features(ctnn_platform PUBLIC cxx_std_20)
    target_compile_definitions(ctnn_platform PUBLIC
        CTNN_FW_SYSTICK_HZ=${CTNN_SYSTICK_HZ}
        CTNN_FW_CORE="${CTNN_CORE}"
        CTNN_FW_BOARD="${CTNN_FIRMWARE_BOARD}"
        # the ctnn::boards profile of the emulated board, for static_assert(ctnn::fits<...>)
        CTNN_FW_BOARD_PROFILE=$<IF:$<STREQUAL:${CTNN_FIRMWARE_BOARD},an547>,mps3_an547,mps2_${CTNN_FIRMWARE_BOARD}>)
    target_compile_options(ctnn_platform PRIVATE ${CTNN_FIRMWARE_OPT} -g ${CTNN_FIRMWARE_WARNINGS})
    set_target_properties(ctnn_platform PROPERTIES CXX_EXTENSIONS OFF)
endif()

function(ctnn_add_firmware name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "NO_TEST;WILL_FAIL" "TIMEOUT;STACK_SIZE"
                          "SOURCES;LIBRARIES;DEFINITIONS;INCLUDES;DEPENDS;LABELS")
    set(sources ${arg_SOURCES} ${arg_UNPARSED_ARGUMENTS})
    if(NOT sources)
        message(FATAL_ERROR "ctnn_add_firmware(${name}): no SOURCES")
    endif()

    add_executable(${name} ${sources})
    set_target_properties(${name} PROPERTIES
        SUFFIX ".elf"
        CXX_EXTENSIONS OFF
        LINK_DEPENDS "${CTNN_FIRMWARE_LINKER_SCRIPT};${CTNN_PLATFORM_DIR}/linker/sections.ld")
    target_compile_features(${name} PRIVATE cxx_std_20)
    target_link_libraries(${name} PRIVATE ctnn_platform ${arg_LIBRARIES})
    if(TARGET ctnn::ctnn)
        target_link_libraries(${name} PRIVATE ctnn::ctnn)
    endif()
    target_compile_definitions(${name} PRIVATE ${arg_DEFINITIONS})
    target_include_directories(${name} PRIVATE ${arg_INCLUDES})
    target_compile_options(${name} PRIVATE
        ${CTNN_FIRMWARE_OPT} -g ${CTNN_FIRMWARE_WARNINGS} -fstack-usage -fcallgraph-info=su)
    target_link_options(${name} PRIVATE
        "-T${CTNN_FIRMWARE_LINKER_SCRIPT}" "-L${CTNN_PLATFORM_DIR}/linker"
        "-Wl,-Map=$<TARGET_FILE_DIR:${name}>/${name}.map" "-Wl,--print-memory-usage")
    if(arg_STACK_SIZE)
        target_link_options(${name} PRIVATE "-Wl,--defsym=STACK_SIZE=${arg_STACK_SIZE}")
    endif()
    if(arg_DEPENDS)
        add_dependencies(${name} ${arg_DEPENDS})
    endif()
    if(CMAKE_SIZE)
        add_custom_command(TARGET ${name} POST_BUILD
            COMMAND "${CMAKE_SIZE}" "$<TARGET_FILE:${name}>"
            VERBATIM)
    endif()

    if(NOT arg_NO_TEST)
        if(NOT arg_TIMEOUT)
            set(arg_TIMEOUT ${CTNN_FIRMWARE_TIMEOUT})
        endif()
        # The emulator (CMAKE_CROSSCOMPILING_EMULATOR) is prepended to the command by CTest.
        add_test(NAME ${name} COMMAND ${name})
        set_tests_properties(${name} PROPERTIES
            TIMEOUT ${arg_TIMEOUT}
            LABELS "firmware;${CTNN_CORE};${arg_LABELS}")
        if(arg_WILL_FAIL)
            set_tests_properties(${name} PROPERTIES WILL_FAIL TRUE)
        endif()
    endif()
endfunction()

# ctnn_firmware_tflite_header(<name> TFLITE <model.tflite> OUT_VAR <var>)
# Writes ${CMAKE_BINARY_DIR}/generated_models/<name>.hpp (namespace <name>) with
# `scripts/ctnn gen` at configure time, and reconfigures when the .tflite or the generator
# changes (after a refusal, also when ctnn's headers change, to try again). Sets <var> to the header, or to "" (with a status message naming the reason) when the
# generator refuses the model, so that a model the library can't run yet doesn't break the build.
function(ctnn_firmware_tflite_header name)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "TFLITE;OUT_VAR" "")
    get_filename_component(root "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/.." ABSOLUTE)
    set(out_dir "${CMAKE_BINARY_DIR}/generated_models")
    set(header "${out_dir}/${name}.hpp")
    set(${arg_OUT_VAR} "" PARENT_SCOPE)
    if(NOT EXISTS "${arg_TFLITE}")
        message(STATUS "ctnn: ${arg_TFLITE} not found; firmware test of ${name} skipped")
        return()
    endif()
    file(GLOB generator_sources "${root}/scripts/ctnn" "${root}/scripts/ctnn_tools/*.py")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${arg_TFLITE}" ${generator_sources})
    # Generated once per configure of the build tree, whichever directory asks first.
    get_property(done GLOBAL PROPERTY "CTNN_TFLITE_HEADER_${name}" SET)
    if(NOT done)
        file(MAKE_DIRECTORY "${out_dir}")
        # The generator compiles the header with $CXX: make it the host's compiler, never the
        # cross compiler CMake may have exported while configuring.
        find_program(CTNN_HOST_CXX NAMES g++ c++ clang++ DOC "host C++20 compiler")
        execute_process(
            COMMAND "${CMAKE_COMMAND}" -E env "CXX=${CTNN_HOST_CXX}"
                    "${root}/scripts/ctnn" gen "${arg_TFLITE}" --name "${name}" -o "${header}.tmp" -q
            RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
        if(status EQUAL 0)
            configure_file("${header}.tmp" "${header}" COPYONLY)  # rewritten only if different
            set_property(GLOBAL PROPERTY "CTNN_TFLITE_HEADER_${name}" "${header}")
        else()
            file(WRITE "${out_dir}/${name}.log" "${out}${err}")
            string(STRIP "${err}${out}" reason)
            string(REGEX REPLACE "\n.*" "" reason "${reason}")  # the first line; all of it in the log
            message(STATUS "ctnn: firmware test of ${name} skipped (${out_dir}/${name}.log): ${reason}")
            set_property(GLOBAL PROPERTY "CTNN_TFLITE_HEADER_${name}" "")
            set_property(GLOBAL PROPERTY "CTNN_TFLITE_FAILED_${name}" ON)
        endif()
        file(REMOVE "${header}.tmp")
    endif()
    get_property(failed GLOBAL PROPERTY "CTNN_TFLITE_FAILED_${name}")
    if(failed)  # try again when the library changes (the generator compiles the header)
        file(GLOB_RECURSE library_headers "${root}/include/ctnn/*.hpp")
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${library_headers})
    endif()
    get_property(result GLOBAL PROPERTY "CTNN_TFLITE_HEADER_${name}")
    set(${arg_OUT_VAR} "${result}" PARENT_SCOPE)
endfunction()
