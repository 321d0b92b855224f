#!/usr/bin/python3
"""The driven dissipative chain of bench/driven_lindblad, written once for both codes.

  problem.py ini   N [PERIODS] [SAMPLES]   the qtherm `lindblad` configuration (stdout)
  problem.py qutip N [PERIODS] [SAMPLES]   QuTiP 4.7 mesolve of the same problem with a string
                                           coefficient: one line of key=value (wall time, peak RSS,
                                           observables at t_final)

N qubits, H(t) = sum_k (eps/2) sz_k + J sum_k sz_k sz_{k+1} + h sin(Omega t) sum_k sx_k (one drive
term: the transverse field oscillates with period T = 2 pi / Omega = 1), decay gamma sm_k on every
site, all spins excited at t = 0 (qtherm's basis index 0); t in [0, PERIODS * T].
Observables: sz of the first and the last site (z_first, z_last); qtherm also writes U, W, Q.
"""
import math
import sys

P = dict(h=1.0, J=0.5, eps=0.3, gamma=0.1, Omega=2 * math.pi)


def ini(N, periods, samples):
    p = P
    ham = " + ".join([f"{p['eps'] / 2!r}*sz({k})" for k in range(N)] +
                     [f"{p['J']!r}*sz({k})*sz({k + 1})" for k in range(N - 1)])
    drive = " + ".join(f"sx({k})" for k in range(N))
    jumps = "; ".join(f"{p['gamma']!r} : sm({k})" for k in range(N))
    return f"""[model]
name = lindblad
dims = {", ".join(["2"] * N)}
hamiltonian = {ham}
drives = field : {p['h']!r}*sin({p['Omega']!r}*t) : {drive}
jumps = {jumps}
initial = basis
initial_basis = {", ".join(["0"] * N)}
observables = z_first : sz(0); z_last : sz({N - 1})

[time]
t_final = {periods * 2 * math.pi / p['Omega']!r}
samples = {samples}
atol = 1e-10
rtol = 1e-8
"""


def run_qutip(N, periods, samples):
    import resource
    import time

    import numpy as np
    import qutip as qt

    qt.settings.num_cpus = 1
    p = P
    t0 = time.perf_counter()

    def local(m, k):
        return qt.tensor([m if j == k else qt.qeye(2) for j in range(N)])

    # qtherm's qubit basis: index 0 = excited, sz = diag(1, -1), sm = |1><0| (QuTiP's sigmam).
    H0 = sum(p["eps"] / 2 * local(qt.sigmaz(), k) for k in range(N))
    H0 += sum(p["J"] * local(qt.sigmaz(), k) * local(qt.sigmaz(), k + 1) for k in range(N - 1))
    H1 = sum(local(qt.sigmax(), k) for k in range(N))
    H = [H0, [H1, f"{p['h']!r}*sin({p['Omega']!r}*t)"]]
    c_ops = [math.sqrt(p["gamma"]) * local(qt.sigmam(), k) for k in range(N)]
    psi = qt.tensor([qt.basis(2, 0)] * N)
    times = np.linspace(0.0, periods * 2 * math.pi / p["Omega"], samples)
    opts = qt.Options(atol=1e-10, rtol=1e-8, nsteps=10**8)
    res = qt.mesolve(H, psi * psi.dag(), times, c_ops, [local(qt.sigmaz(), 0), local(qt.sigmaz(), N - 1)], options=opts)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"qutip_version={qt.__version__} unknowns={4 ** N} wall={wall:.6f} peak_rss={peak} "
          f"z_first={res.expect[0][-1]!r} z_last={res.expect[1][-1]!r}")


if __name__ == "__main__":
    what, N = sys.argv[1], int(sys.argv[2])
    periods = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    samples = int(sys.argv[4]) if len(sys.argv) > 4 else 101
    if what == "ini":
        print(ini(N, periods, samples), end="")
    else:
        run_qutip(N, periods, samples)
