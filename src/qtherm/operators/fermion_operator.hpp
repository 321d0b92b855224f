#pragma once
// Number-conserving fermionic operators on a particle-number sector (JW order: mode 0 first):
//   O = Σ_ij T_ij c_i† c_j + Σ_{i<j} V_ij n_i n_j,
// as an assembled MPIAIJ matrix (owned rows only, exact preallocation; operators/assemble.hpp) or
// as a matrix-free MATSHELL that recomputes the entries on every product, for sectors whose
// assembled operator would not fit in memory. Both use PETSc's default row split; the forms are
// the shared templates of operators/sector_operator.hpp (bosons: operators/boson_operator.hpp).
#include <Eigen/Dense>
#include <petscmat.h>

#include <memory>

#include "qtherm/operators/number_conserving_operator.hpp"
#include "qtherm/operators/operator_sum.hpp"
#include "qtherm/operators/sector_operator.hpp"
#include "qtherm/parallel/handle.hpp"
#include "qtherm/space/bit_basis.hpp"

namespace qtherm::operators {

// Not collective: the nonzeros of row `row` (a state of `sector`), duplicates already merged.
void fermion_row(const space::BitBasis& sector, const NumberConservingOperator& op, PetscInt row, Row& out);

// Collective on comm: the assembled sector matrix.
parallel::Matrix assemble_fermion(MPI_Comm comm, const space::BitBasis& sector, const NumberConservingOperator& op);
// Collective on comm: the same operator matrix-free. Each product gathers the input vector onto
// every rank (memory: one full vector per rank) and computes the owned rows on the fly with O(1)
// ranking (space::SectorIndex).
parallel::Matrix shell_fermion(MPI_Comm comm, const space::BitBasis& sector, const NumberConservingOperator& op);

// Collective on comm: shell_gather(comm, sector.size()).
std::shared_ptr<ShellGather> shell_gather(MPI_Comm comm, const space::BitBasis& sector);
// Collective on comm: a shell using `gather`, made by shell_gather on the same comm and sector.
parallel::Matrix shell_fermion(MPI_Comm comm, const space::BitBasis& sector, const NumberConservingOperator& op,
                               const std::shared_ptr<ShellGather>& gather);

// Not collective: the dense matrix on any BitBasis (full or sector), for small references.
Eigen::MatrixXcd dense_fermion(const space::BitBasis& basis, const NumberConservingOperator& op);
// Not collective: the same in Eigen's sparse form (dense many-body route).
SparseSectorMatrix sparse_fermion(const space::BitBasis& basis, const NumberConservingOperator& op);

}  // namespace qtherm::operators
