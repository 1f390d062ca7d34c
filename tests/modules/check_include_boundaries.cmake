# cmake -DCXX=... -DINCLUDES=a|b|... -DDIR=... -P check_include_boundaries.cmake
# With the include directories of a target linking only kp_crypto: a header of
# crypto or util compiles, a header of records does not, because it is not found.
string(REPLACE "|" ";" dirs "${INCLUDES}")
set(flags -std=c++20 -fPIC -fsyntax-only)
foreach(d IN LISTS dirs)
    list(APPEND flags "-I${d}")
endforeach()

execute_process(COMMAND ${CXX} ${flags} ${DIR}/probe_declared.cpp
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "a declared dependency's header does not compile:\n${out}")
endif()

execute_process(COMMAND ${CXX} ${flags} ${DIR}/probe_undeclared.cpp
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
    message(FATAL_ERROR "records/DeskRecords.h compiled for a target that does not link kp_records")
endif()
if(NOT out MATCHES "records/DeskRecords.h")
    message(FATAL_ERROR "the undeclared include failed for another reason:\n${out}")
endif()
message(STATUS "a declared header compiles; records/DeskRecords.h is not found without kp_records")
