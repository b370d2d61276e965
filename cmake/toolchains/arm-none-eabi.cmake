# Toolchain file: bare-metal Cortex-M with arm-none-eabi-gcc; firmware runs under QEMU.
#
#   cmake -S . -B build/cortex-m4 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/arm-none-eabi.cmake \
#         -DCTNN_CORE=cortex-m4
#   cmake --build build/cortex-m4 -j2 && ctest --test-dir build/cortex-m4
#
# CTNN_CORE     core             flags                                      QEMU machine   SysTick clock
# cortex-m4     Cortex-M4F, DSP  -mcpu=cortex-m4 -mfpu=fpv4-sp-d16          mps2-an386     25 MHz
# cortex-m7     Cortex-M7,  DSP  -mcpu=cortex-m7 -mfpu=fpv5-d16             mps2-an500     25 MHz
# cortex-m55    Cortex-M55, MVE  -mcpu=cortex-m55 (Helium, FP via auto)      mps3-an547     32 MHz
# (all -mthumb -mfloat-abi=hard)
#
# CMAKE_CROSSCOMPILING_EMULATOR is QEMU with semihosting, so add_test(NAME t COMMAND <target>)
# runs `qemu-system-arm ... -kernel t.elf` and main()'s return value is the test result.
# `-icount shift=0` makes the virtual clock advance exactly 1 ns per instruction: SysTick then
# counts instructions (deterministically), see platform/platform.hpp and docs/measuring.md.
#
# Variables this file sets for cmake/ctnn_firmware.cmake:
#   CTNN_FIRMWARE_BOARD      an386 | an500 | an547     (linker script platform/linker/<board>.ld)
#   CTNN_QEMU_MACHINE        mps2-an386 | mps2-an500 | mps3-an547
#   CTNN_SYSTICK_HZ          SysTick (processor) clock QEMU models for the board
#   CTNN_CPU_FLAGS           the -mcpu/-mfpu/-mfloat-abi flags, as a list
#   CTNN_QEMU_COMMAND        qemu-system-arm and its arguments up to (and including) -kernel
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
find_program(CMAKE_OBJCOPY arm-none-eabi-objcopy)
find_program(CMAKE_OBJDUMP arm-none-eabi-objdump)
find_program(CMAKE_SIZE arm-none-eabi-size)
find_program(CMAKE_NM arm-none-eabi-nm)

# A test executable can't link without the board's linker script: compiler checks only compile.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CTNN_CORE)

set(CTNN_CORE "cortex-m4" CACHE STRING "Cortex-M core to build for: cortex-m4, cortex-m7 or cortex-m55")
set_property(CACHE CTNN_CORE PROPERTY STRINGS cortex-m4 cortex-m7 cortex-m55)

if(CTNN_CORE STREQUAL "cortex-m4")
    set(CTNN_CPU_FLAGS -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16)
    set(CTNN_FIRMWARE_BOARD an386)
    set(CTNN_QEMU_MACHINE mps2-an386)
    set(CTNN_SYSTICK_HZ 25000000)
elseif(CTNN_CORE STREQUAL "cortex-m7")
    set(CTNN_CPU_FLAGS -mcpu=cortex-m7 -mthumb -mfloat-abi=hard -mfpu=fpv5-d16)
    set(CTNN_FIRMWARE_BOARD an500)
    set(CTNN_QEMU_MACHINE mps2-an500)
    set(CTNN_SYSTICK_HZ 25000000)
elseif(CTNN_CORE STREQUAL "cortex-m55")
    # -mfpu=auto (the default) takes FP and MVE (Helium, integer + float) from -mcpu.
    set(CTNN_CPU_FLAGS -mcpu=cortex-m55 -mthumb -mfloat-abi=hard)
    set(CTNN_FIRMWARE_BOARD an547)
    set(CTNN_QEMU_MACHINE mps3-an547)
    set(CTNN_SYSTICK_HZ 32000000)
else()
    message(FATAL_ERROR "ctnn: unknown CTNN_CORE '${CTNN_CORE}'; use cortex-m4, cortex-m7 or cortex-m55")
endif()

string(JOIN " " _ctnn_cpu ${CTNN_CPU_FLAGS})
set(CMAKE_C_FLAGS_INIT "${_ctnn_cpu} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT
    "${_ctnn_cpu} -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit")
set(CMAKE_ASM_FLAGS_INIT "${_ctnn_cpu}")
# No crt0: platform/startup.cpp is the reset handler. newlib-nano; semihosting (rdimon) for stdio.
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_ctnn_cpu} -nostartfiles --specs=nano.specs --specs=rdimon.specs -Wl,--gc-sections")

# Programs come from the host; nothing else is searched for outside the toolchain's own paths.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

find_program(CTNN_QEMU_SYSTEM_ARM qemu-system-arm)
if(NOT CTNN_QEMU_SYSTEM_ARM)
    message(WARNING "ctnn: qemu-system-arm not found; firmware builds, but ctest cannot run it "
                    "(install it with scripts/setup --firmware)")
    set(CTNN_QEMU_SYSTEM_ARM qemu-system-arm)
endif()
set(CTNN_QEMU_COMMAND
    ${CTNN_QEMU_SYSTEM_ARM} -M ${CTNN_QEMU_MACHINE} -nographic -monitor none -serial null
    -semihosting-config enable=on,target=native -icount shift=0 -kernel)
# ctest runs: <emulator...> <test executable>  ->  qemu-system-arm ... -kernel test.elf
set(CMAKE_CROSSCOMPILING_EMULATOR ${CTNN_QEMU_COMMAND})
