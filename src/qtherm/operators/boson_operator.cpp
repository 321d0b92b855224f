#include "qtherm/operators/boson_operator.hpp"

#include <cmath>
#include <vector>

namespace qtherm::operators {

using space::BosonBasis;
using space::BosonState;

namespace {

// The row kernel of operators/sector_operator.hpp for truncated bosons. Row state s, column
// s' = s − e_i + e_j: <s|a_i† a_j|s'> = sqrt(n_i (n_j + 1)) with the occupations n of s, nonzero
// for n_i ≥ 1 and n_j < cutoff. Owns copies of the basis and coefficients (a shell outlives them).
class Kernel {
 public:
  Kernel(const BosonBasis& b, const NumberConservingOperator& o) : basis_(b), moves_(o.modes()), diag_(o.modes()) {
    const int n = o.modes();
    V_ = Eigen::MatrixXd::Zero(n, n);
    for (int i = 0; i < n; ++i) {
      diag_[i] = o.hopping(i, i);
      for (int j = 0; j < n; ++j) {
        if (i != j && o.hopping(i, j) != 0.0) moves_[i].push_back({j, b.quantum(j) - b.quantum(i), o.hopping(i, j)});
        if (i < j) V_(i, j) = V_(j, i) = o.density(i, j);
      }
    }
  }
  PetscInt size() const { return basis_.size(); }
  template <class F>
  void row(PetscInt r, F&& f) const {
    state_row(basis_.state(r), f);
  }
  template <class F>
  void rows(PetscInt first, PetscInt last, F&& f) const {
    for (PetscInt r = first; r < last; ++r) row(r, [&](PetscInt col, PetscScalar v) { f(r, col, v); });
  }

 private:
  struct Move {
    int to;
    BosonState delta;  // added to the packed state (wraps modulo 2^64 as intended)
    std::complex<double> t;
  };
  BosonBasis basis_;
  std::vector<std::vector<Move>> moves_;  // by the mode i the boson leaves
  std::vector<std::complex<double>> diag_;
  Eigen::MatrixXd V_;

  template <class F>
  void state_row(BosonState s, F&& f) const {
    const int n = basis_.modes(), cut = basis_.cutoff();
    int occ[64];
    std::complex<double> diag = 0;
    for (int i = 0; i < n; ++i) {
      occ[i] = basis_.occupation(s, i);
      diag += double(occ[i]) * diag_[i];
      for (int j = 0; j < i; ++j) diag += V_(i, j) * double(occ[i] * occ[j]);
    }
    f(basis_.rank(s), diag);
    for (int i = 0; i < n; ++i) {
      if (occ[i] == 0) continue;
      for (const Move& m : moves_[i]) {
        if (occ[m.to] == cut) continue;
        f(basis_.rank(s + m.delta), m.t * std::sqrt(double(occ[i]) * double(occ[m.to] + 1)));
      }
    }
  }
};

}  // namespace

parallel::Matrix assemble_boson(MPI_Comm comm, const BosonBasis& sector, const NumberConservingOperator& op) {
  return assemble_kernel(comm, Kernel(sector, op));
}

parallel::Matrix shell_boson(MPI_Comm comm, const BosonBasis& sector, const NumberConservingOperator& op,
                             const std::shared_ptr<ShellGather>& gather) {
  return shell_kernel(comm, std::make_unique<Kernel>(sector, op), gather);
}

Eigen::MatrixXcd dense_boson(const BosonBasis& sector, const NumberConservingOperator& op) {
  return dense_kernel(Kernel(sector, op));
}

SparseSectorMatrix sparse_boson(const BosonBasis& sector, const NumberConservingOperator& op) {
  return sparse_kernel(Kernel(sector, op));
}

}  // namespace qtherm::operators
