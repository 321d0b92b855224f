#pragma once
// Sub-communicators for parameter sweeps: the ranks of a study split into groups, each running
// its own points with its own communicator.
#include <mpi.h>

#include <utility>

namespace qtherm::parallel {

// Owns a communicator made by MPI_Comm_split (freed on destruction). Move-only.
class Communicator {
 public:
  Communicator() = default;
  explicit Communicator(MPI_Comm c) : c_(c) {}
  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;
  Communicator(Communicator&& o) noexcept : c_(std::exchange(o.c_, MPI_COMM_NULL)) {}
  Communicator& operator=(Communicator&& o) noexcept {
    if (this != &o) {
      reset();
      c_ = std::exchange(o.c_, MPI_COMM_NULL);
    }
    return *this;
  }
  ~Communicator() { reset(); }
  MPI_Comm get() const { return c_; }
  operator MPI_Comm() const { return c_; }  // NOLINT
  void reset() noexcept {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (c_ != MPI_COMM_NULL && !finalized) MPI_Comm_free(&c_);
    c_ = MPI_COMM_NULL;
  }

 private:
  MPI_Comm c_ = MPI_COMM_NULL;
};

struct Groups {
  Communicator comm;  // this rank's group
  int group = 0;      // its index, 0 .. count-1
  int count = 1;
};

// Collective on `world`: splits it into `count` groups of nearly equal size (rank r joins group
// r mod count). count must be between 1 and the size of `world`.
Groups split_into_groups(MPI_Comm world, int count);

}  // namespace qtherm::parallel
