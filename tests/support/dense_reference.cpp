// Bodies of dense_reference.hpp, compiled once (support library): their Eigen instantiations
// (Kronecker products, complex products) cost seconds of compile time in every test that used them inline.
#include "dense_reference.hpp"

Dense embed(const Dense& m, int party, const std::vector<long>& dims) {
  Dense out = Dense::Identity(1, 1);
  for (int k = 0; k < int(dims.size()); ++k) {
    const Dense f = k == party ? m : Dense::Identity(dims[k], dims[k]);
    out = Eigen::kroneckerProduct(out, f).eval();
  }
  return out;
}

Eigen::VectorXcd vec(const Dense& m) { return Eigen::Map<const Eigen::VectorXcd>(m.data(), m.size()); }

Dense random_ginibre(long d, std::mt19937& gen) {
  std::normal_distribution<double> n;
  Dense a(d, d);
  for (long i = 0; i < d; ++i)
    for (long j = 0; j < d; ++j) a(i, j) = {n(gen), n(gen)};
  return a;
}

Dense random_density_matrix(long d, unsigned seed) {
  std::mt19937 gen(seed);
  const Dense a = random_ginibre(d, gen);
  Dense r = a * a.adjoint();
  return r / r.trace();
}

Dense dissipator_kron(const Dense& c) {
  const long d = c.rows();
  const Dense I = Dense::Identity(d, d), cdc = c.adjoint() * c;
  return Eigen::kroneckerProduct(c.conjugate(), c).eval() - 0.5 * Eigen::kroneckerProduct(I, cdc).eval() -
         0.5 * Eigen::kroneckerProduct(Dense(cdc.transpose()), I).eval();
}
