# cmake -DMODE=find_package|add_subdirectory|cross -DCTNN_SOURCE_DIR=... -DCTNN_BINARY_DIR=...
#       -DWORK_DIR=... -DCXX=... -DGENERATOR=... [-DQEMU=qemu-system-arm] -P add_model.cmake
#
# Builds tests/install/add_model (ctnn_add_model on hello_world_int8) and runs it, then checks
# that the header is generated at build time and only when the .tflite changes: a second build
# leaves it alone, touching the model regenerates it.
foreach(var MODE CTNN_SOURCE_DIR CTNN_BINARY_DIR WORK_DIR CXX GENERATOR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "add_model.cmake: -D${var}=... is required")
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
file(MAKE_DIRECTORY "${WORK_DIR}/model")
set(model "${WORK_DIR}/model/hello_world_int8.tflite")
file(COPY_FILE "${CTNN_SOURCE_DIR}/examples/models/hello_world_int8.tflite" "${model}")

set(build "${WORK_DIR}/build")
set(args -S "${CTNN_SOURCE_DIR}/tests/install/add_model" -B "${build}" -G "${GENERATOR}"
         "-DMODEL=${model}" "-DCTNN_SOURCE_DIR=${CTNN_SOURCE_DIR}")
if(MODE STREQUAL "find_package")
    set(prefix "${WORK_DIR}/prefix")
    run("${CMAKE_COMMAND}" --install "${CTNN_BINARY_DIR}" --prefix "${prefix}")
    foreach(f share/cmake/ctnn/ctnn.cmake share/ctnn/scripts/ctnn share/ctnn/scripts/ctnn_tools/generate.py)
        if(NOT EXISTS "${prefix}/${f}")
            message(FATAL_ERROR "install is missing ${f}")
        endif()
    endforeach()
    run("${CMAKE_COMMAND}" ${args} -DCMAKE_CXX_COMPILER=${CXX} -DUSE_FIND_PACKAGE=ON "-DCMAKE_PREFIX_PATH=${prefix}")
elseif(MODE STREQUAL "add_subdirectory")
    run("${CMAKE_COMMAND}" ${args} -DCMAKE_CXX_COMPILER=${CXX})
elseif(MODE STREQUAL "cross")
    run("${CMAKE_COMMAND}" ${args} -DCMAKE_BUILD_TYPE=MinSizeRel
        "-DCMAKE_TOOLCHAIN_FILE=${CTNN_SOURCE_DIR}/cmake/toolchains/arm-none-eabi.cmake" -DCTNN_CORE=cortex-m4)
else()
    message(FATAL_ERROR "add_model.cmake: unknown MODE '${MODE}'")
endif()
set(header "${build}/generated/hello.hpp")
if(EXISTS "${header}")
    message(FATAL_ERROR "${header} was written at configure time")
endif()

run("${CMAKE_COMMAND}" --build "${build}")
if(NOT last_output MATCHES "generating hello.hpp")
    message(FATAL_ERROR "the first build did not run the generator:\n${last_output}")
endif()
if(MODE STREQUAL "cross")
    if(NOT DEFINED QEMU)
        set(QEMU qemu-system-arm)
    endif()
    run("${QEMU}" -M mps2-an386 -nographic -monitor none -serial null
        -semihosting-config enable=on,target=native -kernel "${build}/consumer.elf")
else()
    run("${build}/consumer")
endif()
message(STATUS "${last_output}")
if(NOT last_output MATCHES "ctnn add_model: arena 32 bytes, y = -?[0-9]+")
    message(FATAL_ERROR "unexpected consumer output:\n${last_output}")
endif()

# A second build leaves the header alone (mtime in seconds: wait past the second first).
file(TIMESTAMP "${header}" t1 "%s")
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
run("${CMAKE_COMMAND}" --build "${build}")
file(TIMESTAMP "${header}" t2 "%s")
if(NOT t2 STREQUAL t1 OR last_output MATCHES "generating hello.hpp")
    message(FATAL_ERROR "a build without changes regenerated the header (${t1} -> ${t2}):\n${last_output}")
endif()
# The second target on the same model builds against the same header.
run("${CMAKE_COMMAND}" --build "${build}" --target consumer_twice)

# Editing the model (here: touching it) regenerates the header and rebuilds the consumer.
file(TOUCH "${model}")
run("${CMAKE_COMMAND}" --build "${build}")
file(TIMESTAMP "${header}" t3 "%s")
if(NOT t3 GREATER t1 OR NOT last_output MATCHES "generating hello.hpp")
    message(FATAL_ERROR "touching the model did not regenerate the header (${t1} -> ${t3}):\n${last_output}")
endif()
message(STATUS "header regenerated after touching the model (${t1} -> ${t3})")
file(REMOVE_RECURSE "${WORK_DIR}")
