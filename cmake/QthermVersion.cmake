# The git revision is recorded in every output file (provenance); "unknown" outside a checkout.
find_package(Git QUIET)
set(QTHERM_GIT_REVISION "unknown")
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --abbrev=12
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    OUTPUT_VARIABLE _rev OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _rev)
    set(QTHERM_GIT_REVISION "${_rev}")
  endif()
endif()
configure_file(${PROJECT_SOURCE_DIR}/src/qtherm/base/version.hpp.in
  ${PROJECT_BINARY_DIR}/include/qtherm/base/version.hpp @ONLY)
