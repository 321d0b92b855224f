#include "qtherm/models/common/open_system_keys.hpp"

namespace qtherm::models {

void OpenSystemKeys::bind(io::Binder& b) {
  time.bind(b);
  stepper.bind(b);
  b.key("integrator", integrator)
      .choices({"auto", "taylor", "rk"})
      .meaning(
          "taylor: truncated Taylor series of exp(hL), steps ending on the output times, three state vectors; rk: "
          "PETSc TS (adaptive Runge-Kutta 5(4) unless -ts_type/-ts_rk_type say otherwise); auto: rk when any -ts_ "
          "option is given or the generator depends on time (drives, rates of t), else taylor");
  b.section("monitor");
  b.key("tolerance", monitor_tolerance)
      .positive()
      .meaning(
          "warn when the trace, Hermiticity or energy-balance error exceeds this or an eigenvalue is below -tolerance");
  b.section("model");
  b.key("liouvillian", liouvillian)
      .choices({"auto", "shell", "assembled"})
      .meaning(
          "how L is applied: shell (matrix-free on columns of rho, no Liouville matrix in memory), assembled (sparse "
          "matrix of d^4 pattern), auto (shell from Hilbert dimension 16 on)");
  if (stationary) {
    b.section("steady");
    b.key("solve", steady_solve)
        .meaning(
            "find the stationary state L rho = 0, tr rho = 1 for Q(infinity) and release times, and whether it is "
            "unique");
    b.key("method", steady_method)
        .choices({"auto", "direct", "iterative"})
        .meaning(
            "direct: eigenvalues of L nearest 0 by shift-and-invert Krylov-Schur (SLEPc) around a MUMPS LU of L - "
            "sigma, sigma = 1e-3 max|L_ii| > 0; reports the kernel dimension and the nearest nonzero |eigenvalue| "
            "(options -steady_eps_*, -steady_st_*); iterative: matrix-free GMRES(200) on L rho + tr(rho) 1/d = 1/d, "
            "see preconditioner (options -steady_ksp_*, -steady_pc_*; kernel not determined); auto: direct up to "
            "direct_max_unknowns Liouville unknowns d^2, else iterative");
    b.key("direct_max_unknowns", direct_max_unknowns)
        .min(1, true)
        .meaning("largest d^2 solved directly by method = auto (the LU's fill grows fast beyond)");
    b.key("tolerance", steady_tolerance)
        .positive()
        .meaning("iterative: relative residual of GMRES on the bordered system");
    b.key("preconditioner", steady_preconditioner)
        .choices({"auto", "eigenbasis", "jacobi"})
        .meaning(
            "iterative: eigenbasis inverts the diagonal of L in the eigenbasis of the Hamiltonian (dense: d x d "
            "eigenvectors on every rank, 4 d^3 multiply-adds per iteration; docs/steady_spectrum_fcs.md); jacobi "
            "the diagonal of L; auto: eigenbasis up to Hilbert dimension 2048, else jacobi");
    b.key("release_percent", release_percent)
        .unit("%")
        .min(0, true)
        .max(100)
        .meaning("p for the release times tau_p: Q(tau_p) = p% of Q(infinity)");
    b.section("spectrum");
    b.key("eigenvalues", spectrum_eigenvalues)
        .non_negative()
        .meaning(
            "how many eigenvalues of L below 0 (largest real part first) to report, with the spectral gap and the "
            "slowest relaxation time (0: none)");
    b.key("method", spectrum_method)
        .choices({"auto", "shift_invert", "krylov"})
        .meaning(
            "shift_invert: Krylov-Schur on (L - sigma)^-1, sigma = 1e-3 max|L_ii|, MUMPS LU of the assembled L, "
            "ordered by real part; krylov: Krylov-Schur on L itself for the largest real parts (matrix-free, slow for "
            "stiff L); auto: shift_invert up to [steady] direct_max_unknowns, else krylov (options -spectrum_eps_*, "
            "-spectrum_st_*)");
    if (counting) {
      b.section("fcs");
      b.key("count", fcs_count)
          .meaning(
              "full counting statistics of jumps, separated by ';': NAME : WEIGHT [: BETA], NAME a jump channel (its "
              "current is J_NAME), WEIGHT what one jump adds to the counted quantity N (e.g. +omega for a quantum "
              "emitted into a bath, -omega for one absorbed from it), BETA that bath's inverse temperature (for the "
              "entropy production and the TUR ratio; give it for every counted channel or for none)");
      b.key("chi", fcs_chi)
          .unit("1/weight")
          .meaning("counting fields at which to write theta(chi); must contain 0 (the continuation starts there)");
      b.key("finite_time", fcs_finite_time)
          .meaning(
              "also write ln <exp(chi N_t)> of N_t counted from the first output time, at every output time, for "
              "each chi of [fcs] chi (one evolution of the tilted state per chi)");
      b.key("lambda", fcs_lambda)
          .unit("1/weight")
          .meaning(
              "counting fields at which to write the characteristic function <exp(i lambda N_t)> at every output "
              "time (one evolution each); its Fourier transform in lambda is the distribution of N_t");
    }
  }
  b.section("output");
  b.key("states", output_states).meaning("also write rho(t) on the output grid to /runs/<k>/states/rho");
  b.key("measures", output_measures)
      .meaning(
          "information measures written as observables, separated by ';', e.g. mutual_information(0:1); "
          "concurrence(0:1); entropy(0) (parties by index; `qtherm describe` lists them)");
  if (!periodic) return;
  b.section("periodic");
  if (period)
    b.key("period", period_length)
        .unit("time")
        .non_negative()
        .meaning(
            "> 0: every drive and rate of t repeats with this period T, and the run starts at t = 0 from the periodic "
            "steady state (the limit cycle's state at phase 0) instead of [model] initial; W and Q at t = T are then "
            "the work and heats of one cycle (0: off)");
  b.key("tolerance", periodic_tolerance)
      .positive()
      .meaning(
          "relative residual of GMRES on (1 - Phi_T) delta = Phi_T(rho0) - rho0, Phi_T the one-period propagator "
          "(options -periodic_ksp_*)");
  b.key("max_periods", max_periods).min(1).meaning("one-period integrations GMRES may use");
}

}  // namespace qtherm::models
