# install() and export() of racelab's libraries, so that another project does
#
#   find_package(racelab CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE racelab::model)
#
# (docs/model-library.md). Installed: racelab::common, racelab::registry, racelab::model (static
# libraries) and the headers under include/racelab/; with the suite, racelab::harness and the
# racelab command (bin/racelab) too.
# No export() of the build tree: the targets link racelab_warnings (cmake/Warnings.cmake) inside
# the build, and a project that wants racelab without installing it uses add_subdirectory.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(RACELAB_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/racelab
    CACHE STRING "Where racelabConfig.cmake is installed, relative to the prefix")

set(racelab_exported racelab_common racelab_registry racelab_model)
if(RACELAB_BUILD_SUITE)
  list(APPEND racelab_exported racelab_harness)
endif()
foreach(target IN LISTS racelab_exported)
  # racelab::model, not racelab::racelab_model.
  string(REGEX REPLACE "^racelab_" "" name ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
endforeach()

install(TARGETS ${racelab_exported} EXPORT racelabTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The scenario catalogue's headers (racelab/scenarios/) describe racelab's own suite, whose
# libraries are not installed; they stay out of the package.
set(header_excludes PATTERN scenarios EXCLUDE)
if(NOT RACELAB_BUILD_SUITE)
  list(APPEND header_excludes PATTERN harness EXCLUDE)  # its library is not built
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/racelab DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" ${header_excludes})
install(EXPORT racelabTargets NAMESPACE racelab:: DESTINATION ${RACELAB_INSTALL_CMAKEDIR})
# With the suite, the racelab command too (demo, check, play, …): `<prefix>/bin/racelab demo`
# works where the package is installed. (play's source panel reads this source tree when it is
# there, and shows file:line alone when it is not.)
if(TARGET racelab)
  install(TARGETS racelab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/racelabConfig.cmake.in
  ${PROJECT_BINARY_DIR}/racelabConfig.cmake INSTALL_DESTINATION ${RACELAB_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/racelabConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/racelabConfig.cmake ${PROJECT_BINARY_DIR}/racelabConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/racelabModelTest.cmake
        DESTINATION ${RACELAB_INSTALL_CMAKEDIR})
