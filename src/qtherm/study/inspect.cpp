#include "qtherm/study/inspect.hpp"

#include <filesystem>

#include "qtherm/base/error.hpp"
#include "qtherm/base/log.hpp"
#include "qtherm/base/progress.hpp"
#include "qtherm/io/file_lock.hpp"
#include "qtherm/io/hdf5_reader.hpp"
#include "qtherm/study/work_directory.hpp"

namespace qtherm::study {
namespace fs = std::filesystem;

std::string inspect(const std::string& dir) {
  const std::string manifest = work_directory::manifest(dir);
  if (!fs::is_directory(dir) || !fs::exists(manifest))
    throw InputError("command line", "", "inspect", "'" + dir + "' is not a qtherm checkpoint directory (no study.h5)");
  const io::InputFile m(manifest);
  const long n = m.integer_attribute("/", "points");
  std::string out = "checkpoint directory '" + dir + "': " + std::to_string(n) + " point(s), physics hash " +
                    m.string_attribute("/", "physics_hash") + "\n";
  if (const std::string who = io::FileLock::holder(work_directory::lock(dir)); !who.empty())
    out += "  in use by a running qtherm (" + who + "): it is still writing here\n";
  std::string finished, waiting;
  long n_finished = 0, n_running = 0;
  for (long k = 0; k < n; ++k) {
    const std::string point = work_directory::point_file(dir, k);
    const std::string state = work_directory::state_file(dir, k);
    if (fs::exists(point)) {
      finished += (finished.empty() ? "" : ", ") + std::to_string(k);
      ++n_finished;
    } else if (fs::exists(state)) {
      ++n_running;
      const io::InputFile s(state);
      std::string line = "  point " + std::to_string(k);
      try {
        const std::string label = s.string_attribute("/", "label");
        const double done = s.real_attribute("/", "progress_done"), total = s.real_attribute("/", "progress_total");
        const std::string unit = s.string_attribute("/", "progress_unit");
        line += " (" + label + "): ";
        if (unit == "time" || unit.empty()) {
          line += "at t = " + format_number(done) + " of " + format_number(total) + " (" +
                  format_number(total > 0 ? 100 * done / total : 0, 3) + " %), " + format_number(total - done) +
                  " of simulated time left";
        } else if (total > 0) {
          line += format_number(done) + " of " + format_number(total) + " " + unit + " done, " +
                  format_number(total - done) + " left";
        } else {
          line += format_number(done) + " " + unit + " done";
        }
      } catch (const Error&) {
        line += ": a checkpoint without progress information (older version)";
      }
      const auto age = fs::file_time_type::clock::now() - fs::last_write_time(state);
      line += "; checkpoint written " + format_duration(std::chrono::duration<double>(age).count()) + " ago\n";
      out += line;
    } else {
      waiting += (waiting.empty() ? "" : ", ") + std::to_string(k);
    }
  }
  out = out + "  finished: " + std::to_string(n_finished) + " of " + std::to_string(n) +
        (finished.empty() ? "" : " (points " + finished + ")") + "\n" + "  running: " + std::to_string(n_running) +
        "\n" + "  not started: " + std::to_string(n - n_finished - n_running) +
        (waiting.empty() ? "" : " (points " + waiting + ")") + "\n";
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".partial")
      out += "  (" + e.path().filename().string() +
             ": a write interrupted by a kill; ignored, the checkpoint before it is used)\n";
  return out;
}

}  // namespace qtherm::study
