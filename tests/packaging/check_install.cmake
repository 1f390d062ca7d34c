# Installs the build into PREFIX, then checks that a desk gets what it needs
# and that the installed command line runs.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
foreach(f bin/kpdesk bin/kpdesk-cli libexec/kpdesk/kpdesk-cli-core libexec/kpdesk/kpdesk-cli-photo libexec/kpdesk/kpdesk-cli-full share/applications/org.kpdesk.KPDesk.desktop
          share/metainfo/org.kpdesk.KPDesk.metainfo.xml
          share/icons/hicolor/scalable/apps/kpdesk.svg share/icons/hicolor/48x48/apps/kpdesk.png
          share/man/man1/kpdesk.1 share/man/man1/kpdesk-cli.1
          lib/systemd/system/kpdesk-sync@.service lib/systemd/system/kpdesk-sync@.timer
          share/doc/kpdesk/README.md share/doc/kpdesk/ADMINISTRATORS.md)
    if(NOT EXISTS "${PREFIX}/${f}")
        message(FATAL_ERROR "not installed: ${f}")
    endif()
endforeach()
file(STRINGS "${PREFIX}/share/applications/org.kpdesk.KPDesk.desktop" exec REGEX "^Exec=")
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

# The metainfo names the desktop file it describes, and carries the version.
file(READ "${PREFIX}/share/metainfo/org.kpdesk.KPDesk.metainfo.xml" metainfo)
if(NOT metainfo MATCHES "<launchable type=\"desktop-id\">org\\.kpdesk\\.KPDesk\\.desktop</launchable>"
   OR NOT metainfo MATCHES "<release version=\"[0-9]+\\.[0-9]+\\.[0-9]+\" date=\"[0-9-]+\"/>"
   OR metainfo MATCHES "@")
    message(FATAL_ERROR "the metainfo does not name the desktop file or the release: ${metainfo}")
endif()

# The sync service runs the installed kpdesk-cli's sync from the configured
# sources (no SOURCE), as the user the timer is enabled for; the timer is
# not enabled by the package (no symlink in timers.target.wants).
file(STRINGS "${PREFIX}/lib/systemd/system/kpdesk-sync@.service" exec_start REGEX "^ExecStart=")
if(NOT exec_start STREQUAL "ExecStart=${PREFIX}/bin/kpdesk-cli sync")
    message(FATAL_ERROR "the sync service does not run the installed kpdesk-cli sync: ${exec_start}")
endif()
file(STRINGS "${PREFIX}/lib/systemd/system/kpdesk-sync@.service" user REGEX "^User=")
if(NOT user STREQUAL "User=%i")
    message(FATAL_ERROR "the sync service does not run as the timer's user: ${user}")
endif()
if(EXISTS "${PREFIX}/lib/systemd/system/timers.target.wants")
    message(FATAL_ERROR "the package enables the sync timer; it must be off until an administrator enables it")
endif()
# What the service does, as systemd would run it for a user: the unit's own
# command line, with only HOME and PATH set (no session, display or locale),
# on a desk whose first configured source is a USB stick not mounted.
set(work "${PREFIX}/unattended")
set(home "${work}/home")
file(MAKE_DIRECTORY "${home}")
set(cli "${PREFIX}/bin/kpdesk-cli")
set(bare ${CMAKE_COMMAND} -E env --unset=QT_QPA_PLATFORM --unset=DISPLAY --unset=WAYLAND_DISPLAY
    --unset=XDG_RUNTIME_DIR --unset=LANG --unset=LC_ALL --unset=XDG_DATA_HOME --unset=XDG_CONFIG_HOME HOME=${home})
execute_process(COMMAND ${cli} demo --dir "${work}/demo" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE out)
file(GLOB bundles "${work}/demo/bundles/*.kpsync")
if(rc EQUAL 0)
    execute_process(COMMAND ${cli} authority publish --pki "${work}/demo/pki" --out "${work}/published" ${bundles}
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE out)
endif()
if(rc EQUAL 0)
    execute_process(COMMAND ${bare} ${cli} init --participant EU --bundle-key "${work}/demo/pki/bundle-cert.pem"
                            --source "${work}/usb-not-mounted" --source "${work}/published"
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE out)
endif()
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cannot make a desk with sources to sync: ${rc} ${out}")
endif()
string(REGEX REPLACE "^ExecStart=" "" command "${exec_start}")
separate_arguments(command UNIX_COMMAND "${command}")
execute_process(COMMAND ${bare} ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "The desk is at seq 2")
    message(FATAL_ERROR "the sync service's command does not sync from the configured sources: ${rc} ${out} ${err}")
endif()
execute_process(COMMAND ${bare} ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "Already current at seq 2")
    message(FATAL_ERROR "a second run of the sync service is not a quiet success: ${rc} ${out} ${err}")
endif()

# systemd's own check of the units, where the machine has systemd-analyze.
find_program(SYSTEMD_ANALYZE systemd-analyze)
if(SYSTEMD_ANALYZE)
    set(units "${PREFIX}/lib/systemd/system")
    # MANPATH: the units' Documentation= must name an installed manual page.
    execute_process(COMMAND ${CMAKE_COMMAND} -E env MANPATH=${PREFIX}/share/man
                            ${SYSTEMD_ANALYZE} verify "${units}/kpdesk-sync@officer.service"
                            "${units}/kpdesk-sync@officer.timer"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT rc EQUAL 0 OR NOT out STREQUAL "")
        message(FATAL_ERROR "systemd-analyze verify refuses the sync units: ${rc} ${out}")
    endif()
else()
    message(STATUS "systemd-analyze not found: the sync units are not verified by systemd")
endif()
message(STATUS "installed layout is complete")
