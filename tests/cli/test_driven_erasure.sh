#!/usr/bin/env bash
# Finite-time erasure (issue 21), examples/driven_erasure.ini: a qubit's excited level is raised
# linearly from 0 to E_f = 10 k_B T in tau = t_final (a sweep: 20, 40, 80, 160) under a bath of rate
# gamma (detailed balance at the instantaneous gap). The heat released exceeds
# Landauer's bound k_B T (ln 2 - S_f) for every tau, decreases with tau, and the excess follows the
# slow-driving law (C/tau): tau (Q - k_B T dS) -> C = E_f (1/2 - p_f)/gamma - beta E_f^2 p_f (1 - p_f)/gamma
# (the thermodynamic-length term minus the final state's lag), with a remainder falling like 1/tau^2.
# The entropy production rate is >= -1e-10 at every output time.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
: "${QTHERM_SOURCE_DIR:?set by ctest: the qtherm source directory}"
make_work_dir driven_erasure
use_python_h5py
cd "$work"

# The example: its sweep of time.t_final is the protocol time tau.
run_qtherm erasure run "$QTHERM_SOURCE_DIR/examples/driven_erasure.ini" --output.file=erasure.h5 --time.progress_interval=0
[ "$status" -eq 0 ] || { show erasure.err; stop "examples/driven_erasure.ini did not run"; }
"$python" - <<'PY' | tee checks.txt
import h5py, numpy as np
Ef, beta, gamma = 10.0, 1.0, 1.0
pf = 1 / (1 + np.exp(beta * Ef))
bound = np.log(2) + pf * np.log(pf) + (1 - pf) * np.log(1 - pf)  # k_B T (ln 2 - S_f), k_B T = 1
C = Ef * (0.5 - pf) / gamma - beta * Ef**2 * pf * (1 - pf) / gamma
def say(good, what):
    print(("ok:   " if good else "FAIL: ") + what)
f = h5py.File("erasure.h5")
taus, Q = [20, 40, 80, 160], []
for k, tau in enumerate(taus):
    run = f[f"runs/{k}"]
    say(abs(run["t"][-1] - tau) < 1e-12, f"run {k} ends at tau = {tau}")
    o = run["observables"]
    Q.append(o["Q_total"][-1])
    rate = o["entropy_production_rate"][:]
    say(rate.min() >= -1e-10, f"tau = {tau}: entropy_production_rate >= -1e-10 at every output time (min {rate.min():.1e})")
    say(abs(o["energy_balance_error"][:]).max() < 1e-6, f"tau = {tau}: first law closes to 1e-6")
excess = np.array(Q) - bound
for tau, q, e in zip(taus, Q, excess):
    print(f"        | tau = {tau:3d}: Q = {q:.9f}, Q - kT(ln2 - S_f) = {e:.3e}, tau * excess = {tau * e:.6f} (C = {C:.6f})")
say(all(excess > 0), "Q > k_B T (ln 2 - S_f) for every tau (Landauer, from above)")
say(all(np.diff(Q) < 0), "Q decreases as the protocol slows")
dev = np.abs(np.array(taus) * excess - C)
say(dev[-1] < 1e-3 * C, f"tau * excess -> C: within {dev[-1] / C:.1e} of C at tau = 160")
say(all(0.35 < dev[k + 1] / dev[k] < 0.65 for k in range(1, 3)), f"the remainder falls like 1/tau^2 (ratios {dev[2] / dev[1]:.2f}, {dev[3] / dev[2]:.2f})")
PY
failures=$((failures + $(grep -c '^FAIL' checks.txt || true)))
finish "driven erasure"
