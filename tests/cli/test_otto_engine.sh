#!/usr/bin/env bash
# The Otto engine (model = otto, issue 21): on its limit cycle the efficiency equals 1 - omega_c/omega_h
# to 1e-6 (frictionless strokes: [H(t), H(t')] = 0) for a qubit and an oscillator medium; the cycle's
# work and hot heat equal the closed form of the populations' relaxation under the sin^2 couplings
# (to 1e-8); the entropy production rate is >= -1e-10 at every output time and the per-cycle entropy
# production is beta_c Q_c - beta_h Q_h >= 0; 2 and 3 ranks give the 1-rank numbers to 1e-10; a run
# started thermal approaches the cycle; [time] t_final is refused (the cycle sets the grid).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${QTHERM:?set by ctest: path of the built qtherm command}"
make_work_dir otto_engine
use_mpiexec
use_python_h5py
cd "$work"

cat > otto.ini <<'INI'
[model]
name = otto
omega_h = 2
omega_c = 1.2
beta_h = 0.5
beta_c = 2
gamma_h = 0.7
gamma_c = 1.3
t_compress = 0.8
t_hot = 3
t_expand = 1.1
t_cold = 2.5
[time]
atol = 1e-13
rtol = 1e-11
progress_interval = 0
INI

# check FILE MEDIUM: the physics checks above for one run; prints one ok/FAIL line per check.
check() {
  "$python" - "$@" <<'PY'
import sys, h5py, numpy as np
path, medium, oh, oc, bh, bc, gh, gc, t1, th, t3, tc = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:13])
r = h5py.File(path)["runs/0"]
s = {k: r["scalars"][k][()] for k in r["scalars"]}
o = r["observables"]
def say(good, what):
    print(("ok:   " if good else "FAIL: ") + f"{medium}: {what}")
say(abs(s["efficiency"] - (1 - oc / oh)) < 1e-6, f"efficiency {s['efficiency']:.12f} = 1 - omega_c/omega_h = {1 - oc / oh:.12f}")
# Populations (qubit: p_e, rate gamma (2n+1); oscillator: <n>, rate gamma) relax towards the bath's
# value while coupled, with the integrated coupling gamma t/2 of the sin^2 window; frozen in the strokes.
def bath(beta, omega, gamma, t):
    n = 1 / np.expm1(beta * omega)
    return (n / (2 * n + 1), np.exp(-gamma * (2 * n + 1) * t / 2)) if medium == "qubit" else (n, np.exp(-gamma * t / 2))
(ph, eh), (pc, ec) = bath(bh, oh, gh, th), bath(bc, oc, gc, tc)
p1 = (ph * (1 - eh) + eh * pc * (1 - ec)) / (1 - eh * ec)  # after the hot stroke, on the cycle
p0 = pc + (p1 - pc) * ec
W, Qh = -(oh - oc) * (p1 - p0), oh * (p1 - p0)
say(abs(s["cycle_work"] - W) < 1e-8, f"cycle_work {s['cycle_work']:.12f} = closed form {W:.12f}")
say(abs(s["cycle_heat_hot"] - Qh) < 1e-8, f"cycle_heat_hot {s['cycle_heat_hot']:.12f} = closed form {Qh:.12f}")
say(abs(s["cycle_heat_cold"] - oc * (p1 - p0)) < 1e-8, "cycle_heat_cold = omega_c (p1 - p0)")
rate = o["entropy_production_rate"][:]
say(rate.min() >= -1e-10, f"entropy_production_rate >= -1e-10 at every output time (min {rate.min():.2e})")
sigma = bc * s["cycle_heat_cold"] - bh * s["cycle_heat_hot"]
say(sigma > 0 and abs(s["cycle_entropy_production"] - sigma) < 1e-8,
    f"cycle_entropy_production {s['cycle_entropy_production']:.3e} = beta_c Q_c - beta_h Q_h > 0")
say(abs(o["energy_balance_error"][:]).max() < 1e-8, "first law closes to 1e-8 over the cycle")
say(abs(s["power"] * (t1 + th + t3 + tc) + s["cycle_work"]) < 1e-14, "power = -cycle_work/period")
PY
}
params() { sed -n 's/^\(omega_h\|omega_c\|beta_h\|beta_c\|gamma_h\|gamma_c\|t_compress\|t_hot\|t_expand\|t_cold\) = //p' "$1"; }

run_qtherm qubit run otto.ini --output.file=qubit.h5
[ "$status" -eq 0 ] || { show qubit.err; stop "the qubit engine did not run"; }
check qubit.h5 qubit $(params otto.ini) | tee qubit.check
# The oscillator: its thermal tail at 24 levels is ~(n/(n+1))^24 < 1e-10 at these temperatures.
sed 's/^omega_h = .*/omega_h = 1/; s/^omega_c = .*/omega_c = 0.55/; s/^beta_h = .*/beta_h = 1/; s/^beta_c = .*/beta_c = 3/
     s/^name = otto/name = otto\nmedium = oscillator\nlevels = 24/' otto.ini > osc.ini
run_qtherm osc run osc.ini --output.file=osc.h5
[ "$status" -eq 0 ] || { show osc.err; stop "the oscillator engine did not run"; }
check osc.h5 oscillator $(params osc.ini) | tee osc.check
failures=$((failures + $(cat qubit.check osc.check | grep -c '^FAIL' || true)))

for np in 2 3; do
  run_to np$np "$mpiexec" -n $np "$QTHERM" run osc.ini --output.file=osc$np.h5
  [ "$status" -eq 0 ] || { show np$np.err; fail "$np ranks: exit $status"; continue; }
  compare osc.h5 osc$np.h5 --tol=1e-10 > np$np.cmp && ok "$np ranks equal 1 rank to 1e-10" \
    || { fail "$np ranks differ from 1 rank"; show np$np.cmp; }
done

# From the cold bath's Gibbs state, six cycles: the transient contracts by exp(-gamma_h t_hot/2 -
# gamma_c t_cold/2) = 0.07 per cycle, so the last cycle is the limit cycle's to ~1e-6 (and not equal).
run_qtherm thermal run osc.ini --model.start=thermal --model.cycles=6 --output.file=thermal.h5
"$python" - <<'PY' && ok "started thermal, the sixth cycle's work is the limit cycle's to 1e-4" || fail "the transient does not approach the cycle"
import h5py
a = h5py.File("thermal.h5")["runs/0/scalars/cycle_work"][()]
b = h5py.File("osc.h5")["runs/0/scalars/cycle_work"][()]
print(f"        | thermal start, cycle 6: {a:.10f}; limit cycle: {b:.10f}")
raise SystemExit(1 if abs(a - b) > 1e-4 * abs(b) or a == b else 0)
PY

run_qtherm tfinal check otto.ini --time.t_final=5
expect_error_line "[time] t_final is the cycle's" tfinal "qtherm: error:" "t_final" && ok "[time] t_final refused"
finish otto_engine
