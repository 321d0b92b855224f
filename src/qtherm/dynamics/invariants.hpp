#pragma once
// Checks that a computed ρ(t) is still a state: trace one, Hermitian, no negative eigenvalues in
// the reduced states that are cheap to diagonalize. Written as observables on every run, so each
// costs about one pass over ρ at most: the trace reads the owned diagonal, the Hermiticity error
// compares each owned block with its transposed partner (exchanged block by block with one rank
// at a time: buffers of (d/ranks)² entries, nothing of the whole vector's size), the reduced states
// read only the entries whose traced digits agree. ρ must have the Liouville layout (whole columns).
#include <vector>

#include "qtherm/parallel/handle.hpp"
#include "qtherm/space/tensor_space.hpp"

namespace qtherm::dynamics {

struct InvariantValues {
  double trace_error = 0;        // |tr ρ − 1|
  double hermiticity_error = 0;  // ‖ρ − ρ†‖_F / ‖ρ‖_F
  double min_eigenvalue = 0;     // smallest eigenvalue over the checked (reduced) states
};

class InvariantMonitor {
 public:
  // Collective on comm. Reduced states of single parties of dimension <= max_local_dim are
  // checked, and the full state when its dimension is <= max_full_dim.
  InvariantMonitor(MPI_Comm comm, const space::LiouvilleSpace& space, Vec like, long max_local_dim = 256,
                   long max_full_dim = 64);
  // Collective.
  InvariantValues measure(Vec rho) const;

 private:
  double hermiticity_defect(Vec rho) const;  // ‖ρ − ρ†‖_F², summed over the ranks

  MPI_Comm comm_;
  space::LiouvilleSpace space_;
  std::vector<PetscInt> first_column_;  // per rank, and one past the last rank's columns
  std::vector<int> checked_parties_;
  bool check_full_ = false;
};

}  // namespace qtherm::dynamics
