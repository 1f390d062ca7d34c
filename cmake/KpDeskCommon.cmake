# Project-wide compile settings, linked privately by every target
# (after qBittorrent's CommonConfig).
add_library(kpdesk_common INTERFACE)
target_compile_definitions(kpdesk_common INTERFACE
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    ZX_USE_UTF8)
target_compile_options(kpdesk_common INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(KPDESK_WERROR)
    target_compile_options(kpdesk_common INTERFACE -Werror)
endif()
# gold links the hundred test executables in about half the time of the
# default linker (binutils has it; nothing to install).
include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=gold" KPDESK_HAVE_GOLD)
if(KPDESK_HAVE_GOLD)
    target_link_options(kpdesk_common INTERFACE -fuse-ld=gold)
endif()
if(KPDESK_FUZZ)
    # Coverage for libFuzzer in everything, ASan and UBSan; the fuzz targets
    # add -fsanitize=fuzzer when they link (fuzz/CMakeLists.txt).
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "KPDESK_FUZZ needs clang++ (-DCMAKE_CXX_COMPILER=clang++)")
    endif()
    target_compile_options(kpdesk_common INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(kpdesk_common INTERFACE -fsanitize=address,undefined)
elseif(KPDESK_SANITIZE)
    target_compile_options(kpdesk_common INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(kpdesk_common INTERFACE -fsanitize=address,undefined)
endif()

# kpdesk_core_module(NAME SOURCES... PUBLIC_LIBS... PRIVATE_LIBS...): one static
# library per core module. Its include root in the build tree holds only
# `<name> -> core/<name>`, so `#include "<name>/X.h"` compiles only in a target
# that links kp_<name> (directly or through a PUBLIC dependency): a module sees
# its own headers and its declared dependencies', nothing else (DEVELOPERS.md,
# "Include boundaries"; tests/modules checks that a wrong include fails).
function(kpdesk_core_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(kp_${name} STATIC ${ARG_SOURCES})
    set(root ${PROJECT_BINARY_DIR}/include/kp_${name})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/core/${name} ${root}/${name} SYMBOLIC)
    target_include_directories(kp_${name} PUBLIC ${root})
    target_link_libraries(kp_${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE kpdesk_common ${ARG_PRIVATE_LIBS})
endfunction()

# kpdesk_test(NAME SOURCES... LIBS...): one Qt Test executable per class, run by CTest.
function(kpdesk_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE kpdesk_common kp_testsupport Qt6::Test ${ARG_LIBS})
    # A test's own code only drives the libraries under test (built as the
    # product is): unoptimised, it compiles in two thirds of the time.
    target_compile_options(${name} PRIVATE -O0)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;LANGUAGE=;KPDESK_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared;KPDESK_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data;KPDESK_CLI=$<TARGET_FILE:kpdesk-cli>")
endfunction()
