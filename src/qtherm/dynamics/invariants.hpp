#pragma once
// Checks that a computed ρ(t) is still a state: trace one, Hermitian, no negative eigenvalues in
// the reduced states that are cheap to diagonalize. Written as observables on every run, so each
// costs about one pass over ρ at most: the trace reads the owned diagonal, the Hermiticity error
// compares each owned block with its transposed partner (exchanged block by block with one rank
// at a time: buffers of (d/ranks)² entries, nothing of the whole vector's size), the reduced states
// read only the entries whose traced digits agree. ρ must have the Liouville layout (whole columns).
// When the full state is checked (small spaces) ρ is gathered once and everything is read from it:
// one collective per measurement instead of one per quantity, which is what a sample of a small
// system at several ranks pays for.
#include <Eigen/Dense>
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
  // The same checks on ρ already gathered (every rank holds all of it): no communication.
  InvariantValues measure(const Eigen::MatrixXcd& rho) const;
  bool checks_full_state() const { return check_full_; }

 private:
  double hermiticity_defect(Vec rho) const;  // ‖ρ − ρ†‖_F², summed over the ranks
  // The smallest eigenvalue of the Hermitian parts of the checked parties' states (from
  // reduce(parties)) and of `whole` when given (the full state, already gathered).
  template <class Reduce>
  double lowest_eigenvalue(const Reduce& reduce, const Eigen::MatrixXcd* whole) const;

  MPI_Comm comm_;
  space::LiouvilleSpace space_;
  std::vector<PetscInt> first_column_;  // per rank, and one past the last rank's columns
  std::vector<int> checked_parties_;
  bool check_full_ = false;
};

}  // namespace qtherm::dynamics
