# cmake -DMODE=find_package|add_subdirectory -DCTNN_SOURCE_DIR=... -DCTNN_BINARY_DIR=...
#       -DWORK_DIR=... -DCXX=... -DGENERATOR=... -P run.cmake
#
# find_package:     installs the configured ctnn build to WORK_DIR/prefix,
#                   then configures, builds and runs tests/install/find_package
#                   against that prefix.
# add_subdirectory: configures, builds and runs tests/install/add_subdirectory
#                   on ctnn's source tree.
foreach(var MODE CTNN_SOURCE_DIR CTNN_BINARY_DIR WORK_DIR CXX GENERATOR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "run.cmake: -D${var}=... is required")
    endif()
endforeach()

function(run)
    string(REPLACE ";" " " shown "${ARGN}")
    message(STATUS "$ ${shown}")
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${shown}\n${out}")
    endif()
    set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(consumer_args -G "${GENERATOR}" -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release)

if(MODE STREQUAL "find_package")
    set(prefix "${WORK_DIR}/prefix")
    run("${CMAKE_COMMAND}" --install "${CTNN_BINARY_DIR}" --prefix "${prefix}")
    foreach(f include/ctnn/ctnn.hpp share/cmake/ctnn/ctnnConfig.cmake share/cmake/ctnn/ctnnConfigVersion.cmake
              share/cmake/ctnn/ctnnTargets.cmake)
        if(NOT EXISTS "${prefix}/${f}")
            message(FATAL_ERROR "install is missing ${f}")
        endif()
    endforeach()
    run("${CMAKE_COMMAND}" -S "${CTNN_SOURCE_DIR}/tests/install/find_package" -B "${WORK_DIR}/build"
        ${consumer_args} "-DCMAKE_PREFIX_PATH=${prefix}")
elseif(MODE STREQUAL "add_subdirectory")
    run("${CMAKE_COMMAND}" -S "${CTNN_SOURCE_DIR}/tests/install/add_subdirectory" -B "${WORK_DIR}/build"
        ${consumer_args} "-DCTNN_SOURCE_DIR=${CTNN_SOURCE_DIR}")
else()
    message(FATAL_ERROR "run.cmake: unknown MODE '${MODE}'")
endif()

run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
message(STATUS "${last_output}")
if(NOT last_output MATCHES "ctnn consumer: arena [0-9]+ bytes, y = 10 2")
    message(FATAL_ERROR "unexpected consumer output:\n${last_output}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
