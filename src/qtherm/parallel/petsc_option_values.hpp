#pragma once
// Values of the solver-type options (-ts_type, -ts_rk_type, -ksp_type, -pc_type, -mfn_type,
// -eps_type, with any prefix such as -steady_) checked before a run: an unknown type would otherwise
// surface mid-run as a PETSc error code, or be ignored by a solver that falls back.
namespace qtherm::parallel {

// Not collective (every rank holds the same options). Throws InputError naming the option, the value
// and the allowed values, for the first option whose value names no registered type.
void check_petsc_option_values();

}  // namespace qtherm::parallel
