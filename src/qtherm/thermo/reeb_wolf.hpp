#pragma once
// Landauer-type bounds on the heat β⟨Q⟩ dissipated into an environment (docs/physics.md):
//  - the Reeb–Wolf constant R(d) = max_{0<r<1/2} r(1−r) ln²[(1−r)(d−1)/r], d = reservoir dimension;
//  - the Reeb–Wolf bound B_RW(ΔS, R): for ΔS < 0, R − √(R² − 2RΔS); for ΔS ≥ 0, ΔS + ΔS²/(2R);
//  - B_Q = −ln tr[Mρ_S].
// ΔS = S(ρ_S) − S(ρ_S') is the entropy *decrease* of the system. Not collective.
namespace qtherm::thermo {

// R for a reservoir of dimension d given as ln(d − 1) (so d = 2^N works for any N; d = 2 is 0).
double reeb_wolf_constant(double log_d_minus_1);
// ln(2^n − 1) without overflow, n ≥ 1.
double log_two_pow_minus_one(long n);
double reeb_wolf_bound(double delta_S, double R);

}  // namespace qtherm::thermo
