#include "qtherm/parallel/quiet_barrier.hpp"

#include <chrono>
#include <thread>

#include "qtherm/base/check.hpp"

namespace qtherm::parallel {

void quiet_barrier(MPI_Comm comm, long poll_us) {
  MPI_Request request;
  QTHERM_MPI(MPI_Ibarrier(comm, &request));
  int done = 0;
  for (;;) {
    QTHERM_MPI(MPI_Test(&request, &done, MPI_STATUS_IGNORE));
    if (done) return;
    std::this_thread::sleep_for(std::chrono::microseconds(poll_us));
  }
}

}  // namespace qtherm::parallel
