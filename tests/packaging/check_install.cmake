# Installs the build into PREFIX, then checks that a desk gets what it needs
# and that the installed command line runs.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
foreach(f bin/kpdesk bin/kpdesk-cli share/applications/kpdesk.desktop
          share/icons/hicolor/scalable/apps/kpdesk.svg share/icons/hicolor/48x48/apps/kpdesk.png
          share/doc/kpdesk/README.md share/doc/kpdesk/ADMINISTRATORS.md)
    if(NOT EXISTS "${PREFIX}/${f}")
        message(FATAL_ERROR "not installed: ${f}")
    endif()
endforeach()
file(STRINGS "${PREFIX}/share/applications/kpdesk.desktop" exec REGEX "^Exec=")
if(NOT exec STREQUAL "Exec=kpdesk;Exec=kpdesk --demo")
    message(FATAL_ERROR "the menu entry and its demo action do not start kpdesk: ${exec}")
endif()
execute_process(COMMAND "${PREFIX}/bin/kpdesk-cli" --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^kpdesk-cli [0-9]")
    message(FATAL_ERROR "the installed kpdesk-cli does not run: ${rc} ${out}")
endif()
execute_process(COMMAND "${PREFIX}/bin/kpdesk" --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "[0-9]+\\.[0-9]+")
    message(FATAL_ERROR "the installed kpdesk does not run: ${rc} ${out}")
endif()
message(STATUS "installed layout is complete")
