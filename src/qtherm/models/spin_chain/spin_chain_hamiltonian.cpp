#include <cmath>

#include "qtherm/models/spin_chain/spin_chain.hpp"

namespace qtherm::models::spin_chain {
namespace {

// The chain on sites offset .. offset+N−1 of a sum on `sites` sites.
void add_chain(operators::PauliSum& H, const Params& p, int offset) {
  for (int j = 0; j < p.N; ++j) H.add(p.B, {{offset + j, 'z'}});
  for (int j = 0; j + 1 < p.N; ++j) {
    const int a = offset + j, b = offset + j + 1;
    H.add(p.J, {{a, 'x'}, {b, 'x'}});
    H.add(p.J, {{a, 'y'}, {b, 'y'}});
    if (p.Delta != 0) H.add(p.J * p.Delta, {{a, 'z'}, {b, 'z'}});
  }
}

}  // namespace

Eigen::Matrix2cd pure_state(double alpha) {
  Eigen::Vector2cd v(alpha, std::sqrt(std::max(0.0, 1 - alpha * alpha)));
  return v * v.adjoint();
}

Eigen::MatrixXcd dense_matrix(const operators::PauliSum& O) {
  const auto basis = space::BitBasis::full(O.sites());
  const auto m = O.dense(basis);  // row-major
  return Eigen::Map<const Eigen::Matrix<std::complex<double>, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      m.data(), basis.size(), basis.size());
}

Eigen::Matrix2cd from_bloch(double trace, double sx, double sy, double sz) {
  using cplx = std::complex<double>;
  Eigen::Matrix2cd r;
  r << trace + sz, cplx(sx, -sy), cplx(sx, sy), trace - sz;
  return r / 2.0;
}

operators::PauliSum total_hamiltonian(const Params& p) {
  operators::PauliSum H(p.N + 1);
  H.add(p.B0, {{0, 'z'}});
  H.add(p.J0, {{0, 'x'}, {1, 'x'}});
  H.add(p.J0, {{0, 'y'}, {1, 'y'}});
  add_chain(H, p, 1);
  return H;
}

operators::PauliSum environment_on_joint(const Params& p) {
  operators::PauliSum H(p.N + 1);
  add_chain(H, p, 1);
  return H;
}

operators::PauliSum environment_only(const Params& p) {
  operators::PauliSum H(p.N);
  add_chain(H, p, 0);
  return H;
}

}  // namespace qtherm::models::spin_chain
