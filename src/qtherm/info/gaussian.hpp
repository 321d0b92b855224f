#pragma once
// Gaussian states of two modes: symplectic eigenvalues, logarithmic negativity and Gaussian
// discord from the covariance matrix.
//
// Convention (docs/physics.md, Gaussian discord): quadratures R = (x1, p1, x2, p2) with x = (a + a†)/√2,
// p = (a − a†)/(i√2), [x, p] = i; σ_ij = ½⟨{ΔR_i, ΔR_j}⟩, so the VACUUM HAS σ = ½·1 and a
// thermal mode with n̄ quanta has σ = (n̄ + ½)·1. Symplectic eigenvalues are returned in the same
// convention (ν ≥ ½). The formulas of docs/physics.md (Adesso–Datta) use vacuum = 1; they are applied
// to V = 2σ internally, so nothing here expects V. Results are in nats unless `base` is given.
#include <Eigen/Dense>
#include <string>

#include "qtherm/info/entropy.hpp"

namespace qtherm::info {

// Throws "<measure>: ..." unless σ is a real symmetric 2n×2n matrix (n ≥ 1; relative tolerance
// 1e-10) satisfying the uncertainty principle σ + (i/2)Ω ≥ 0 (to 1e-10·max(1, ‖σ‖)) with σ > 0.
void check_covariance(const Eigen::MatrixXd& sigma, const std::string& measure, long modes = 2);

// The n symplectic eigenvalues (ascending, vacuum = ½) of any 2n×2n covariance matrix: the
// moduli of the eigenvalues of iΩσ, Ω = ⊕ [[0, 1], [−1, 0]].
Eigen::VectorXd symplectic_eigenvalues(const Eigen::MatrixXd& sigma);

// g(ν) = (ν + ½) ln(ν + ½) − (ν − ½) ln(ν − ½): entropy of a thermal mode with symplectic
// eigenvalue ν (vacuum ½) in nats; docs/physics.md's f(x) with x = 2ν.
double thermal_mode_entropy(double nu);
// S(ρ) = Σ_k g(ν_k) for any number of modes.
double gaussian_entropy(const Eigen::MatrixXd& sigma, double base = nat);
// I(A:B) = S(A) + S(B) − S(AB) for two modes.
double gaussian_mutual_information(const Eigen::MatrixXd& sigma, double base = nat);

// E_N = max(0, −ln(2 ν̃₋)), ν̃₋ the smaller symplectic eigenvalue of the partial transpose
// (p of one mode flipped); the comparison with ½ is in the σ convention. Two-mode squeezed vacuum: 2r.
double gaussian_log_negativity(const Eigen::MatrixXd& sigma, double base = nat);
// ν̃₋ (vacuum = ½) of the partial transpose, from Δ̃ = A + B − 2C.
double pt_symplectic_eigenvalue(const Eigen::MatrixXd& sigma);

struct GaussianDiscord {
  double discord = 0;          // in nats
  double e_min = 0;            // inf det of the conditional covariance of the unmeasured mode (V units)
  bool general_branch = true;  // first E_min branch of docs/physics.md (else the homodyne-type branch)
};
// Gaussian discord with the Gaussian measurement on mode `measured` (0 or 1): D(1|0) for
// measured = 0 — the registry's discord(0:1) convention, D_G(B|A) with A the
// measured mode. docs/physics.md's formula is written for a measurement on the second mode;
// measured = 0 swaps the modes first.
GaussianDiscord gaussian_discord_details(const Eigen::MatrixXd& sigma, int measured = 0);
double gaussian_discord(const Eigen::MatrixXd& sigma, int measured = 0, double base = nat);

}  // namespace qtherm::info
