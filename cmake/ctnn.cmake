# ctnn.cmake — a model header generated from a .tflite at build time.
#
# Included by ctnnConfig.cmake (find_package(ctnn)) and by ctnn's top-level CMakeLists.txt
# (add_subdirectory / FetchContent); include(<ctnn>/cmake/ctnn.cmake) works too.
#
#   add_executable(fw main.cpp)                       # or ctnn_add_firmware(fw ...)
#   target_link_libraries(fw PRIVATE ctnn::ctnn)
#   ctnn_add_model(TARGET fw MODEL models/kws.tflite NAME kws)
#   // main.cpp:  #include "kws.hpp"   ->  kws::model
#
# ctnn_add_model(TARGET <target> MODEL <file.tflite> NAME <namespace>
#                [OUTPUT_DIR <dir>]       default: ${CMAKE_CURRENT_BINARY_DIR}/ctnn_models
#                [HEADER_VAR <var>])      set to the generated header's path
#
# The header <OUTPUT_DIR>/<NAME>.hpp is written by `ctnn gen` at BUILD time (add_custom_command):
# it DEPENDS on the .tflite and on the generator's sources, so editing the model regenerates it
# (and recompiles what includes it) on the next build. The generator compiles the header once
# with a host C++ compiler to check it and plan its arena: in a cross build (a toolchain file,
# CMAKE_CROSSCOMPILING) that is CTNN_HOST_CXX (g++, c++ or clang++ from PATH), never the cross
# compiler; in a host build it is CMAKE_CXX_COMPILER. <OUTPUT_DIR> is added to TARGET's include
# directories. A model the generator refuses fails the build with its one-line reason.
#
# Cache variables: CTNN_GENERATOR (the `ctnn` command: scripts/ctnn, which runs in the
# virtualenv CTNN_VENV, default ~/.cache/ctnn/venv, and creates it on first use) and
# CTNN_HOST_CXX.
include_guard(GLOBAL)

get_filename_component(_ctnn_cmake_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
# ctnnConfig.cmake sets these to the installed scripts and headers before including this file.
if(NOT DEFINED CTNN_GENERATOR_DEFAULT)
    set(CTNN_GENERATOR_DEFAULT "${_ctnn_cmake_root}/scripts/ctnn")
endif()
if(NOT DEFINED CTNN_GENERATOR_INCLUDE_DIR)
    set(CTNN_GENERATOR_INCLUDE_DIR "${_ctnn_cmake_root}/include")
endif()
set(CTNN_GENERATOR "${CTNN_GENERATOR_DEFAULT}" CACHE FILEPATH "ctnn's generator command (scripts/ctnn)")

function(ctnn_add_model)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;MODEL;NAME;OUTPUT_DIR;HEADER_VAR" "")
    foreach(required TARGET MODEL NAME)
        if(NOT arg_${required})
            message(FATAL_ERROR "ctnn_add_model: ${required} is required "
                                "(ctnn_add_model(TARGET fw MODEL kws.tflite NAME kws))")
        endif()
    endforeach()
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "ctnn_add_model: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT TARGET ${arg_TARGET})
        message(FATAL_ERROR "ctnn_add_model: no target '${arg_TARGET}' (create it before calling ctnn_add_model)")
    endif()
    if(NOT arg_NAME MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
        message(FATAL_ERROR "ctnn_add_model: NAME '${arg_NAME}' is not a C++ identifier")
    endif()
    get_filename_component(model "${arg_MODEL}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT EXISTS "${model}")
        message(FATAL_ERROR "ctnn_add_model: ${model} not found")
    endif()
    if(arg_OUTPUT_DIR)
        get_filename_component(out_dir "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    else()
        set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/ctnn_models")
    endif()
    set(header "${out_dir}/${arg_NAME}.hpp")

    # The generator's host compile: never the cross compiler.
    if(CMAKE_CROSSCOMPILING OR NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        find_program(CTNN_HOST_CXX NAMES g++ c++ clang++ DOC "host C++20 compiler")
        if(NOT CTNN_HOST_CXX)
            message(FATAL_ERROR "ctnn_add_model: no host C++ compiler (g++, c++, clang++) for the generator; "
                                "set CTNN_HOST_CXX")
        endif()
        set(host_cxx "${CTNN_HOST_CXX}")
    else()
        set(host_cxx "${CMAKE_CXX_COMPILER}")
    endif()
    if(NOT EXISTS "${CTNN_GENERATOR}")
        message(FATAL_ERROR "ctnn_add_model: the generator ${CTNN_GENERATOR} does not exist; set CTNN_GENERATOR")
    endif()
    get_filename_component(generator_dir "${CTNN_GENERATOR}" DIRECTORY)
    file(GLOB generator_sources "${generator_dir}/ctnn_tools/*.py")

    # One rule per header, shared by every target that uses it.
    string(MAKE_C_IDENTIFIER "${arg_NAME}" id)
    set(gen_target "ctnn_model_${id}")
    if(TARGET ${gen_target})
        get_target_property(existing ${gen_target} CTNN_MODEL_HEADER)
        get_target_property(existing_model ${gen_target} CTNN_MODEL_FILE)
        if(NOT existing STREQUAL header OR NOT existing_model STREQUAL model)
            message(FATAL_ERROR "ctnn_add_model: NAME '${arg_NAME}' is already generated from ${existing_model} "
                                "to ${existing}; pick another NAME")
        endif()
    else()
        get_filename_component(model_name "${model}" NAME)
        add_custom_command(
            OUTPUT "${header}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
            COMMAND "${CMAKE_COMMAND}" -E env "CXX=${host_cxx}" "CTNN_INCLUDE_DIR=${CTNN_GENERATOR_INCLUDE_DIR}"
                    "${CTNN_GENERATOR}" gen "${model}" --name "${arg_NAME}" -o "${header}" -q
            DEPENDS "${model}" ${generator_sources}
            COMMENT "ctnn: generating ${arg_NAME}.hpp from ${model_name}"
            VERBATIM)
        add_custom_target(${gen_target} DEPENDS "${header}")
        set_target_properties(${gen_target} PROPERTIES CTNN_MODEL_HEADER "${header}" CTNN_MODEL_FILE "${model}")
    endif()
    add_dependencies(${arg_TARGET} ${gen_target})
    target_include_directories(${arg_TARGET} PRIVATE "${out_dir}")
    if(arg_HEADER_VAR)
        set(${arg_HEADER_VAR} "${header}" PARENT_SCOPE)
    endif()
endfunction()
