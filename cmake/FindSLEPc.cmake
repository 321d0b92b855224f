include(${CMAKE_CURRENT_LIST_DIR}/QthermPkgConfig.cmake)
qtherm_pkg_import(SLEPc SLEPc::SLEPc SLEPc slepc)
