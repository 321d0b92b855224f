#pragma once
// Dense reference constructions (Kronecker products, column stacking) for checking the sparse,
// distributed code paths in tests.
#include <Eigen/Dense>
#include <random>
#include <unsupported/Eigen/KroneckerProduct>
#include <vector>

using Dense = Eigen::MatrixXcd;

// I ⊗ ... ⊗ m (on `party`) ⊗ ... ⊗ I, party 0 most significant.
Dense embed(const Dense& m, int party, const std::vector<long>& dims);

// m's columns stacked (the Liouville-space vector of m).
Eigen::VectorXcd vec(const Dense& m);

// d×d matrix of independent standard complex Gaussian entries (real part drawn first), row by row.
Dense random_ginibre(long d, std::mt19937& gen);

// A a† / tr(A a†) with A = random_ginibre: full rank, trace one.
Dense random_density_matrix(long d, unsigned seed);

// Dense Liouvillian of D[c] with rate 1 by the textbook Kronecker formula (column stacking):
// c̄ ⊗ c − ½ 1 ⊗ c†c − ½ (c†c)ᵀ ⊗ 1.
Dense dissipator_kron(const Dense& c);
