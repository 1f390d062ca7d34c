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

# Precompiled headers (cmake/pch/): the standard and Qt headers were three
# quarters of each file's compile (docs/performance.md, "Build time").
# Every core module and kpdesk-cli reuse one PCH (ProductPch.h); kp_ui has its
# own with the widgets (WindowPch.h); the tests one a folder (TestPch.h, clang
# only). A PCH may be reused only where the flags are the same: every core
# module is a static library built with kpdesk_common, like the host.
option(KPDESK_PCH "Precompile the standard and Qt headers" ON)
if(KPDESK_PCH)
    # ccache caches a compile that uses a PCH only with this sloppiness
    # (ccache's manual, "Precompiled headers").
    if(CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache$")
        set(CMAKE_CXX_COMPILER_LAUNCHER env CCACHE_SLOPPINESS=pch_defines,time_macros ${CMAKE_CXX_COMPILER_LAUNCHER})
    endif()
    add_library(kpdesk_product_pch STATIC EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/cmake/pch/PchHost.cpp)
    target_link_libraries(kpdesk_product_pch PRIVATE kpdesk_common Qt6::Core)
    target_precompile_headers(kpdesk_product_pch PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/ProductPch.h)
    set_target_properties(kpdesk_product_pch PROPERTIES AUTOMOC OFF)
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
    if(KPDESK_PCH)
        target_precompile_headers(kp_${name} REUSE_FROM kpdesk_product_pch)
    endif()
endfunction()

# Precompiled Qt headers for the tests (cmake/pch/TestPch.h): parsing
# <QtTest> and friends was two thirds of each test's compile. clang only by
# default: its PCH is 45 MB and loads lazily (a test compiles in 4 s instead
# of 10), gcc's is 280 MB a folder and saves half as much (docs/performance.md,
# "Build time"). A PCH is shared by the tests of one folder that see the same
# Qt modules: QT_TESTCASE_SOURCEDIR (Qt6::Test, the folder) and the
# QT_*_LIB macros must be the same where it is made and where it is used.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(KPDESK_TEST_PCH_DEFAULT ON)
else()
    set(KPDESK_TEST_PCH_DEFAULT OFF)
endif()
option(KPDESK_TEST_PCH "Precompile the Qt headers the tests include" ${KPDESK_TEST_PCH_DEFAULT})
add_library(kpdesk_test_qt_core INTERFACE)
target_link_libraries(kpdesk_test_qt_core INTERFACE Qt6::Core Qt6::Gui Qt6::Network Qt6::Sql Qt6::Concurrent Qt6::Test)
add_library(kpdesk_test_qt_widgets INTERFACE)
target_link_libraries(kpdesk_test_qt_widgets INTERFACE kpdesk_test_qt_core Qt6::Widgets Qt6::PrintSupport
    Qt6::Multimedia Qt6::SerialPort)

# kpdesk_test_pch(TEST LIBS): TEST reuses its folder's PCH, for window tests
# (linking kp_ui: QTEST_MAIN makes a QApplication) or the others (every one
# sees Qt Gui, which changes nothing for QTEST_GUILESS_MAIN; the QTEST_MAIN
# ones already link it).
function(kpdesk_test_pch name libs)
    set(kind core)
    if("kp_ui" IN_LIST libs OR "kp_uidesk" IN_LIST libs)
        set(kind widgets)
    endif()
    get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
    set(host kpdesk_pch_${folder}_${kind})
    if(NOT TARGET ${host})
        add_executable(${host} EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/cmake/pch/PchHost.cpp)
        target_link_libraries(${host} PRIVATE kpdesk_common kpdesk_test_qt_${kind})
        target_compile_options(${host} PRIVATE -O0)
        target_precompile_headers(${host} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/TestPch.h)
        set_target_properties(${host} PROPERTIES AUTOMOC OFF)
    endif()
    target_link_libraries(${name} PRIVATE kpdesk_test_qt_${kind})
    target_precompile_headers(${name} REUSE_FROM ${host})
endfunction()

# kpdesk_test(NAME SOURCES... LIBS...): one Qt Test executable per class, run by CTest.
function(kpdesk_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE kpdesk_common kp_testsupport Qt6::Test ${ARG_LIBS})
    # A test's own code only drives the libraries under test (built as the
    # product is): unoptimised, it compiles in two thirds of the time.
    target_compile_options(${name} PRIVATE -O0)
    if(KPDESK_PCH AND KPDESK_TEST_PCH)
        kpdesk_test_pch(${name} "${ARG_LIBS}")
    endif()
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;LANGUAGE=;KPDESK_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared;KPDESK_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data;KPDESK_CLI=$<TARGET_FILE:kpdesk-cli>")
endfunction()
