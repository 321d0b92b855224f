# Installs the libraries, headers and an exported CMake package: find_package(qtherm) then
# link qtherm::qtherm (tested by tests/downstream).
include(CMakePackageConfigHelpers)
set(_targets qtherm)
foreach(layer IN LISTS QTHERM_LAYERS)
  list(APPEND _targets qtherm_${layer})
endforeach()
install(TARGETS ${_targets} qtherm_app EXPORT qthermTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Every layer's headers but the model families' own pieces (models/<family>/: how each built-in model
# is made, not an interface); models/common/, the open-system pipeline a model of one's own builds
# on, is installed.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/qtherm DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h" PATTERN "*.ipp"
  REGEX "/models/[^/.]+$" EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/qtherm/models/common DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/qtherm/models
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/qtherm/base/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/qtherm/base)

set(_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/qtherm)
install(EXPORT qthermTargets NAMESPACE qtherm:: DESTINATION ${_cmakedir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/qthermConfig.cmake.in
  ${PROJECT_BINARY_DIR}/qthermConfig.cmake INSTALL_DESTINATION ${_cmakedir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/qthermConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/qthermConfig.cmake ${PROJECT_BINARY_DIR}/qthermConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindPETSc.cmake ${PROJECT_SOURCE_DIR}/cmake/FindSLEPc.cmake
  ${PROJECT_SOURCE_DIR}/cmake/QthermPkgConfig.cmake ${PROJECT_SOURCE_DIR}/cmake/QthermDependencies.cmake
  DESTINATION ${_cmakedir})
