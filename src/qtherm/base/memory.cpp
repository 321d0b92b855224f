#include "qtherm/base/memory.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace qtherm {

double peak_resident_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return 1024.0 * double(u.ru_maxrss);  // kilobytes on Linux
}

double resident_bytes() {
  std::ifstream f("/proc/self/statm");
  double pages_total = 0, pages_resident = 0;
  if (!(f >> pages_total >> pages_resident)) return 0;
  return pages_resident * double(sysconf(_SC_PAGESIZE));
}

double total_peak_resident_bytes(MPI_Comm comm) {
  double mine = peak_resident_bytes(), sum = 0;
  MPI_Allreduce(&mine, &sum, 1, MPI_DOUBLE, MPI_SUM, comm);
  return sum;
}

double available_memory_bytes() {
  const double physical = double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGESIZE));
  // cgroup v2, then v1; "max" or an absurd v1 default mean no limit.
  for (const char* path : {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream f(path);
    std::string v;
    if (f >> v && v != "max") {
      try {
        const double limit = std::stod(v);
        if (limit > 0 && limit < physical) return limit;
      } catch (const std::exception&) {
      }
    }
  }
  return physical;
}

}  // namespace qtherm
