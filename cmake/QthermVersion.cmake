# The git revision is recorded in every output file (provenance). It is found at build time, not
# only at configure time, so that a rebuild after a commit records the new revision; the header is
# rewritten only when the revision changed, so nothing recompiles needlessly.
find_package(Git QUIET)
set(QTHERM_VERSION_HEADER ${PROJECT_BINARY_DIR}/include/qtherm/base/version.hpp)
add_custom_target(qtherm_version
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${QTHERM_VERSION_HEADER}
          -DVERSION=${PROJECT_VERSION} -DGIT_EXECUTABLE=${GIT_EXECUTABLE}
          -P ${PROJECT_SOURCE_DIR}/cmake/GenerateVersion.cmake
  BYPRODUCTS ${QTHERM_VERSION_HEADER}
  COMMENT "Recording the git revision")
# A first version at configure time, so that the header exists before the first build.
execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${QTHERM_VERSION_HEADER}
                        -DVERSION=${PROJECT_VERSION} -DGIT_EXECUTABLE=${GIT_EXECUTABLE}
                        -P ${PROJECT_SOURCE_DIR}/cmake/GenerateVersion.cmake)
