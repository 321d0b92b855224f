#pragma once
// Number-conserving bosonic operators on a truncated particle-number sector (space::BosonBasis,
// occupations 0…cutoff per mode, mode 0 first):
//   O = Σ_ij T_ij a_i† a_j + Σ_{i<j} V_ij n_i n_j,
// the coefficients of NumberConservingOperator read for bosons (no Jordan–Wigner signs; a hop carries
// sqrt(n_i (n_j + 1)) and is dropped where it would exceed the cutoff, i.e. O is projected onto
// the truncated space). Assembled MPIAIJ, matrix-free MATSHELL and dense forms through the shared
// templates of operators/sector_operator.hpp.
#include <Eigen/Dense>
#include <petscmat.h>

#include <memory>

#include "qtherm/operators/fermion_operator.hpp"
#include "qtherm/operators/sector_operator.hpp"
#include "qtherm/parallel/handle.hpp"
#include "qtherm/space/boson_sector.hpp"

namespace qtherm::operators {

// Collective on comm: the assembled sector matrix.
parallel::Matrix assemble_boson(MPI_Comm comm, const space::BosonBasis& sector, const NumberConservingOperator& op);
// Collective on comm: matrix-free; `gather` from shell_gather(comm, sector.size()) (may be shared).
parallel::Matrix shell_boson(MPI_Comm comm, const space::BosonBasis& sector, const NumberConservingOperator& op,
                             const std::shared_ptr<ShellGather>& gather);
// Not collective: the dense sector matrix, for small references and reservoir spectra.
Eigen::MatrixXcd dense_boson(const space::BosonBasis& sector, const NumberConservingOperator& op);
// Not collective: the same in Eigen's sparse form (dense many-body route).
SparseSectorMatrix sparse_boson(const space::BosonBasis& sector, const NumberConservingOperator& op);

}  // namespace qtherm::operators
