#pragma once
// Dense reference constructions (Kronecker products, column stacking) for checking the sparse,
// distributed code paths in tests.
#include <Eigen/Dense>
#include <random>
#include <unsupported/Eigen/KroneckerProduct>
#include <vector>

using Dense = Eigen::MatrixXcd;

// I ⊗ ... ⊗ m (on `party`) ⊗ ... ⊗ I, party 0 most significant.
inline Dense embed(const Dense& m, int party, const std::vector<long>& dims) {
  Dense out = Dense::Identity(1, 1);
  for (int k = 0; k < int(dims.size()); ++k) {
    const Dense f = k == party ? m : Dense::Identity(dims[k], dims[k]);
    out = Eigen::kroneckerProduct(out, f).eval();
  }
  return out;
}

inline Eigen::VectorXcd vec(const Dense& m) { return Eigen::Map<const Eigen::VectorXcd>(m.data(), m.size()); }

// d×d matrix of independent standard complex Gaussian entries (real part drawn first), row by row.
inline Dense random_ginibre(long d, std::mt19937& gen) {
  std::normal_distribution<double> n;
  Dense a(d, d);
  for (long i = 0; i < d; ++i)
    for (long j = 0; j < d; ++j) a(i, j) = {n(gen), n(gen)};
  return a;
}

// A a† / tr(A a†) with A = random_ginibre: full rank, trace one.
inline Dense random_density_matrix(long d, unsigned seed) {
  std::mt19937 gen(seed);
  const Dense a = random_ginibre(d, gen);
  Dense r = a * a.adjoint();
  return r / r.trace();
}

// Dense Liouvillian of D[c] with rate 1 by the textbook Kronecker formula (column stacking):
// c̄ ⊗ c − ½ 1 ⊗ c†c − ½ (c†c)ᵀ ⊗ 1.
inline Dense dissipator_kron(const Dense& c) {
  const long d = c.rows();
  const Dense I = Dense::Identity(d, d), cdc = c.adjoint() * c;
  return Eigen::kroneckerProduct(c.conjugate(), c).eval() - 0.5 * Eigen::kroneckerProduct(I, cdc).eval() -
         0.5 * Eigen::kroneckerProduct(Dense(cdc.transpose()), I).eval();
}
