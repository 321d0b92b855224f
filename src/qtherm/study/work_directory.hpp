#pragma once
// The files of a study's checkpoint directory, named once: `run` writes them, `inspect` reads them
// (python/qtherm/checkpoint.py follows the same names).
#include <string>

namespace qtherm::study::work_directory {

inline std::string manifest(const std::string& dir) { return dir + "/study.h5"; }  // physics, points
inline std::string lock(const std::string& dir) { return dir + "/lock"; }          // held while a run lasts
inline std::string configuration(const std::string& dir) {  // the resolved configuration, for `run DIR --restart`
  return dir + "/config.ini";
}
inline std::string point_file(const std::string& dir, long k) {  // a finished point
  return dir + "/point_" + std::to_string(k) + ".h5";
}
inline std::string state_file(const std::string& dir, long k) {  // a point's mid-run checkpoint
  return dir + "/point_" + std::to_string(k) + ".state.h5";
}

}  // namespace qtherm::study::work_directory
