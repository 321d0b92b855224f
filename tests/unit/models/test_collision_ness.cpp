// The collision_ness model (seed 004 Sec. III C): NESS of the finite-δt qubit collision map.
#define BOOST_TEST_MODULE collision_ness
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <iomanip>

#include "petsc_fixture.hpp"
#include "qtherm/base/error.hpp"
#include "run_model.hpp"

namespace {

// Reference parameters of docs/physics.md / seed 004 Fig. 1: δt = 0.05, ω_S = ω_A = 1, β = 1, g0 = 1.
std::vector<std::string> ref(std::vector<std::string> extra) {
  std::vector<std::string> a = {"--model.name=collision_ness", "--model.dt=0.05", "--model.omega_s=1",
                                "--model.omega_a=1",           "--model.beta=1",  "--model.g0=1",
                                "--time.collisions=1000",      "--time.every=50"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

qtherm::io::RunRecord run(std::vector<std::string> extra) { return run_model(PETSC_COMM_SELF, ref(std::move(extra))); }

std::string key_of_error(std::vector<std::string> overrides, std::string* what = nullptr) {
  try {
    run_model(PETSC_COMM_SELF, std::move(overrides));
  } catch (const qtherm::InputError& e) {
    if (what) *what = e.what();
    return e.key();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(energy_preserving_coupling_gives_gibbs_state) {
  const auto r = run({"--model.jxx=1", "--model.jyy=1"});
  const double pe_gibbs = 1 / (1 + std::exp(1.0));
  BOOST_TEST_MESSAGE("J_y/J_x = 1: p_e* - p_e(Gibbs) = " << scalar(r, "steady_p_e") - pe_gibbs
                                                         << ", beta_eff = " << scalar(r, "beta_eff")
                                                         << ", Qdot* = " << scalar(r, "steady_heat_current")
                                                         << ", Wdot* = " << scalar(r, "steady_work_current"));
  BOOST_TEST(std::abs(scalar(r, "steady_p_e") - pe_gibbs) < 1e-10);
  BOOST_TEST(std::abs(scalar(r, "beta_eff") - 1) < 1e-10);
  BOOST_TEST(scalar(r, "steady_coherence_l1") < 1e-12);
  BOOST_TEST(std::abs(scalar(r, "steady_heat_current")) < 1e-12);
  BOOST_TEST(std::abs(scalar(r, "steady_work_current")) < 1e-12);
  BOOST_TEST(std::abs(scalar(r, "steady_entropy_production_rate")) < 1e-12);
  // The switching work vanishes at every collision, not only at the fixed point (Fig. 1(b)).
  for (double w : series(r, "work_current")) BOOST_TEST(std::abs(w) < 1e-12);
}

BOOST_AUTO_TEST_CASE(effective_temperature_versus_coupling_ratio) {
  const auto r0 = run({"--model.jxx=1", "--model.jyy=0"});
  const auto rm = run({"--model.jxx=1", "--model.jyy=-0.5"});
  const auto rp = run({"--model.jxx=1", "--model.jyy=0.5"});
  BOOST_TEST_MESSAGE(std::setprecision(10)
                     << "beta_eff/beta at dt = 0.05: J_y/J_x = 0 -> " << scalar(r0, "beta_eff_over_beta")
                     << ", -0.5 -> " << scalar(rm, "beta_eff_over_beta") << ", 0.5 -> "
                     << scalar(rp, "beta_eff_over_beta"));
  // J_y = 0: β_eff = 0 in the continuum limit (seed 004); the finite-δt map leaves
  // β_eff/β = 3.864e-4 at δt = 0.05, vanishing as δt² (the rotating and counter-rotating processes
  // of σx⊗σx differ in energy mismatch, 0 vs 2ω, which matters at order (ωδt)²).
  BOOST_TEST(std::abs(scalar(r0, "beta_eff")) < 5e-4);
  const auto r0q =
      run({"--model.jxx=1", "--model.jyy=0", "--model.dt=0.0125", "--time.collisions=4000", "--time.every=400"});
  const double ratio = scalar(r0, "beta_eff") / scalar(r0q, "beta_eff");
  BOOST_TEST_MESSAGE("J_y = 0: beta_eff(dt = 0.05) = " << scalar(r0, "beta_eff")
                                                       << ", beta_eff(dt = 0.0125) = " << scalar(r0q, "beta_eff")
                                                       << ", ratio " << ratio << " (dt^2: 16)");
  BOOST_TEST(ratio > 14);
  BOOST_TEST(ratio < 18);
  BOOST_TEST(std::abs(scalar(rm, "beta_eff_over_beta") - (-0.7694414354)) < 1e-8);  // docs/physics.md: ≈ −0.77
  BOOST_TEST(scalar(rp, "beta_eff_over_beta") > 0);
  BOOST_TEST(scalar(rp, "beta_eff_over_beta") < 1);
  // Inverted fixed point (β_eff < 0) is active: positive ergotropy; passive ones have none.
  BOOST_TEST(scalar(rm, "steady_ergotropy") > 1e-3);
  BOOST_TEST(scalar(rp, "steady_ergotropy") < 1e-12);
  for (const auto* r : {&r0, &rm, &rp}) {
    const double Q = scalar(*r, "steady_heat_current"), W = scalar(*r, "steady_work_current");
    BOOST_TEST_MESSAGE("  steady Qdot = " << Q << ", Wdot = " << W
                                          << ", sigma = " << scalar(*r, "steady_entropy_production_rate"));
    BOOST_TEST(std::abs(Q) > 1e-3);                                                        // a genuine NESS
    BOOST_TEST(std::abs(W - Q) < 1e-10);                                                   // work in = heat out
    BOOST_TEST(std::abs(scalar(*r, "steady_entropy_production_rate") - 1.0 * Q) < 1e-10);  // σ* = β Q̇*
    BOOST_TEST(scalar(*r, "fixed_point_multiplicity") == 1);
    BOOST_TEST(scalar(*r, "final_distance_to_fixed_point") < 1e-10);  // 1000 collisions converge
  }
}

BOOST_AUTO_TEST_CASE(balanced_off_resonant_coupling_renormalizes_temperature) {
  for (double ws : {0.6, 1.7}) {
    const auto r = run({"--model.jxx=1", "--model.jyy=1", "--model.omega_s=" + std::to_string(ws),
                        "--model.omega_a=1.1", "--model.beta=0.8"});
    BOOST_TEST_MESSAGE("omega_s = " << ws << ", omega_a = 1.1, beta = 0.8: beta_eff omega_s = "
                                    << scalar(r, "beta_eff") * ws << " vs beta omega_a = " << 0.8 * 1.1
                                    << "; Qdot* = " << scalar(r, "steady_heat_current"));
    BOOST_TEST(std::abs(scalar(r, "beta_eff") * ws - 0.8 * 1.1) < 1e-10);
    BOOST_TEST(std::abs(scalar(r, "steady_heat_current")) < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(coherence_needs_parallel_and_perpendicular_couplings) {
  const std::vector<std::string> init = {"--model.initial=bloch", "--model.bloch=0.3, -0.2, 0.5"};
  auto with = [&](std::vector<std::string> j) {
    j.insert(j.end(), init.begin(), init.end());
    return run(j);
  };
  const auto both = with({"--model.jxx=1", "--model.jyy=0.5", "--model.jzy=0.6"});
  const auto perp = with({"--model.jxx=1", "--model.jyy=0.5"});
  const auto par = with({"--model.jxx=0", "--model.jzy=0.6"});
  BOOST_TEST_MESSAGE("steady l1 coherence: both " << scalar(both, "steady_coherence_l1") << ", perpendicular only "
                                                  << scalar(perp, "steady_coherence_l1") << ", parallel only "
                                                  << scalar(par, "steady_coherence_l1") << " (multiplicity "
                                                  << scalar(par, "fixed_point_multiplicity") << ")");
  BOOST_TEST(scalar(both, "steady_coherence_l1") > 1e-6);
  BOOST_TEST(scalar(perp, "steady_coherence_l1") < 1e-12);
  BOOST_TEST(scalar(par, "steady_coherence_l1") < 1e-12);
  // Pure dephasing keeps the populations: the fixed point is the dephased initial state.
  BOOST_TEST(scalar(par, "fixed_point_multiplicity") == 2);
  BOOST_TEST(std::abs(scalar(par, "steady_p_e") - 0.75) < 1e-10);
  BOOST_TEST(std::abs(scalar(both, "steady_heat_current") - scalar(both, "steady_work_current")) < 1e-10);
}

BOOST_AUTO_TEST_CASE(angle_parameterization_matches_couplings) {
  const double a = 0.4, g = -0.6;
  const auto ang = run({"--model.coupling=angles", "--model.alpha=0.4", "--model.gamma=-0.6"});
  const auto mat =
      run({"--model.jxx=" + std::to_string(std::cos(a) * std::cos(g)),
           "--model.jyy=" + std::to_string(std::cos(a) * std::sin(g)), "--model.jzy=" + std::to_string(std::sin(a))});
  // std::to_string keeps 6 decimals: agreement to ~1e-6.
  BOOST_TEST(std::abs(scalar(ang, "steady_p_e") - scalar(mat, "steady_p_e")) < 1e-5);
  BOOST_TEST(std::abs(scalar(ang, "steady_coherence_l1") - scalar(mat, "steady_coherence_l1")) < 1e-5);
  BOOST_TEST(scalar(ang, "steady_coherence_l1") > 1e-6);
}

BOOST_AUTO_TEST_CASE(series_are_consistent) {
  const auto r = run(
      {"--model.jxx=1", "--model.jyy=-0.5", "--model.jzy=0.3", "--model.initial=bloch", "--model.bloch=0, 0.6, -0.8"});
  const auto& t = r.t;
  BOOST_TEST(t.size() == 21u);
  BOOST_TEST(std::abs(t.back() - 50) < 1e-12);
  double worst = 0, min_rate = 1e300;
  for (double x : series(r, "first_law_residual")) worst = std::max(worst, std::abs(x));
  for (double x : series(r, "entropy_production_rate")) min_rate = std::min(min_rate, x);
  BOOST_TEST(worst < 1e-12);
  BOOST_TEST(min_rate >= -1e-12);
  // Cumulative first law: E_S(t) − E_S(0) = W(t) − Q(t).
  const auto &E = series(r, "E_S"), &Q = series(r, "Q"), &W = series(r, "W");
  for (size_t k = 0; k < t.size(); ++k) BOOST_TEST(std::abs(E[k] - E[0] - (W[k] - Q[k])) < 1e-11);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_key) {
  std::string what;
  for (const auto* dt : {"0", "-0.1"}) {
    BOOST_TEST(key_of_error({"--model.name=collision_ness", "--model.beta=1", std::string("--model.dt=") + dt},
                            &what) == "dt");
    BOOST_TEST(what.find('\n') == std::string::npos);
    BOOST_TEST_MESSAGE("dt = " << dt << ": " << what);
  }
  BOOST_TEST(key_of_error({"--model.name=collision_ness"}, &what) == "beta");
  BOOST_TEST_MESSAGE("beta missing: " << what);
  BOOST_TEST(what.find('\n') == std::string::npos);
  BOOST_TEST(key_of_error({"--model.name=collision_ness", "--model.beta=-1"}, &what) == "beta");
  BOOST_TEST_MESSAGE("beta = -1: " << what);
  BOOST_TEST(key_of_error({"--model.name=collision_ness", "--model.beta=hot"}, &what) == "beta");
  BOOST_TEST(key_of_error({"--model.name=collision_ness", "--model.beta=1", "--model.g0=-1"}) == "g0");
  BOOST_TEST(key_of_error({"--model.name=collision_ness", "--model.beta=1", "--model.initial=bloch",
                           "--model.bloch=1, 1, 0"}) == "bloch");
}

BOOST_AUTO_TEST_CASE(continuous_limit_ness_and_expression_coupling) {
  // The dt -> 0 generator's stationary state: Gibbs for XX, beta_eff = 0 exactly for J_y = 0 (the finite-dt map
  // only approaches it as dt^2), inversion for J_y/J_x < 0 close to the finite-dt value; equal and opposite
  // steady heat and work currents.
  const auto xx = run({"--model.jyy=1"});
  BOOST_TEST(std::abs(scalar(xx, "limit_beta_eff") - 1.0) < 1e-10);
  BOOST_TEST(std::abs(scalar(xx, "limit_steady_heat_current")) < 1e-12);
  const auto x0 = run({"--model.jyy=0"});
  BOOST_TEST(std::abs(scalar(x0, "limit_beta_eff")) < 1e-10);
  BOOST_TEST(std::abs(scalar(x0, "limit_steady_heat_current") - scalar(x0, "limit_steady_work_current")) < 1e-12);
  BOOST_TEST(scalar(x0, "limit_steady_heat_current") > 0.1);
  const auto xm = run({"--model.jyy=-0.5"});
  BOOST_TEST(scalar(xm, "limit_beta_eff") < 0);
  BOOST_TEST(std::abs(scalar(xm, "limit_beta_eff") - scalar(xm, "beta_eff")) < 0.02);
  // The same coupling written as an expression gives the same NESS.
  const auto ex = run({"--model.coupling=expression", "--model.V=sx(0)*sx(1) - 0.5*sy(0)*sy(1)"});
  BOOST_TEST(std::abs(scalar(ex, "beta_eff") - scalar(xm, "beta_eff")) < 1e-12);
  // A coupling through sz of the ancilla has no continuous limit (<sz> != 0): NaN, not a wrong number.
  const auto zz = run({"--model.jxx=0", "--model.jzz=1"});
  BOOST_TEST(std::isnan(scalar(zz, "limit_beta_eff")));
}
