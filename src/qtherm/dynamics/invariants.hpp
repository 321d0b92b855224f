#pragma once
// Checks that a computed ρ(t) is still a state: trace one, Hermitian, no negative eigenvalues in
// the reduced states that are cheap to diagonalize. Written as observables on every run.
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
  space::LiouvilleSpace space_;
  parallel::Vector trace_;
  parallel::Matrix adjoint_;  // permutation vec(ρ) -> vec(ρᵀ); conjugated after
  mutable parallel::Vector work_;
  std::vector<int> checked_parties_;
  bool check_full_ = false;
};

}  // namespace qtherm::dynamics
