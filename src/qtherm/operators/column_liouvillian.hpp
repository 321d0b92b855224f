#pragma once
// The generic matrix-free Liouvillian: L(ρ) = Σ_t c_t A_t ρ B_t for any SuperOperator, applied to ρ
// as a d×d matrix whose columns are split over the ranks (column stacking, vec(ρ)[i + d·j] = ρ_ij,
// so the Liouville vector's own row split). Terms are grouped once:
//   left   (B = 1):  one sparse d×d matrix K, y[:, j] += K ρ[:, j]               (rank-local)
//   right  (A = 1):  one sparse R, y[:, j] += Σ_l R[l, j] ρ[:, l]                (columns l may be remote)
//   sandwich:        y[:, j] += c Σ_l B[l, j] A ρ[:, l]                           (likewise)
// with the diagonals of K and R folded into one pass (y_ij = (K_ii + R_jj) ρ_ij), together with the
// first right-term columns (they are summed four per pass over y[:, j]). Remote columns
// are fetched once per product, while the rank-local part is computed. Memory: the operators' d×d
// patterns (O(d · nnz per row)) and the ghost columns; nothing of the size of the Liouville matrix.
#include <petscmat.h>

#include <vector>

#include "qtherm/operators/liouvillian_parts.hpp"
#include "qtherm/parallel/handle.hpp"

namespace qtherm::operators {

// Collective on comm: L as a MATSHELL (MatMult, MatGetDiagonal) on the column layout
// (LiouvilleSpace::local_size), usable by TS,
// KSP and SLEPc. Its vectors come from MatCreateVecs.
parallel::Matrix make_column_liouvillian(MPI_Comm comm, const SuperOperator& L);
parallel::Matrix make_column_liouvillian(MPI_Comm comm, const LiouvillianParts& L);
// Collective on comm: L = L_0 + Σ_{n≥1} a_n L_n for parts[0] = L_0, parts[n] = L_n (one dimension), as
// one shell whose products make one pass over ρ whatever the number of parts (the terms of every
// part feed each output column in turn, each scaled by its part's coefficient). The coefficients
// start at 0 (the shell is L_0) and are set by set_column_coefficients, e.g. at each stage time of
// a time-dependent generator. The parts are read here only.
parallel::Matrix make_column_liouvillian(MPI_Comm comm, const std::vector<const LiouvillianParts*>& parts);
// Not collective (call it on every rank with the same values): a_1 .. a_N of a shell of N + 1 parts.
// Costs O(d + owned columns) per part; later products and diagonals use them.
void set_column_coefficients(Mat shell, const std::vector<double>& a);

// Bytes one product must move per rank (read ρ's owned and ghost columns, write y), for benchmarks.
struct ColumnTraffic {
  double owned_bytes = 0, ghost_bytes = 0;
};
ColumnTraffic column_liouvillian_traffic(Mat shell);

}  // namespace qtherm::operators
