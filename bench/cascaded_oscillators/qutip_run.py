#!/usr/bin/python3
"""QuTiP 4.7 side of bench/cascaded_oscillators: the same problem as the qtherm runs.

Two modes (n levels each) in cascade with a bosonic reservoir (seed 002 Eqs. 3-5), written in
QuTiP's Lindblad form: the cascade L1 + L2 + D12 equals D[c1 + c2] - i[H_c, .] with
H_c = (i/2)(c1^dag c2 - c2^dag c1), c_k = sqrt(gamma(N+1)) a_k (and the same for sqrt(gamma N) a_k^dag).
Prints one line of key=value pairs: wall time of the solve (Liouvillian construction included),
peak RSS, and the currents J1, J2, J12 at the final time (to check that both codes agree).

usage: qutip_run.py N_LEVELS [N_S] [N] [T_FINAL] [SAMPLES]
"""
import resource
import sys
import time

import numpy as np
import qutip as qt


def main():
    n = int(sys.argv[1])
    ns = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    N = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    t_final = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
    samples = int(sys.argv[5]) if len(sys.argv) > 5 else 51
    omega, gamma = 1.0, 1.0
    t0 = time.perf_counter()
    a1 = qt.tensor(qt.destroy(n), qt.qeye(n))
    a2 = qt.tensor(qt.qeye(n), qt.destroy(n))
    H = omega * (a1.dag() * a1 + a2.dag() * a2)
    c_ops = []
    for rate, x1, x2 in ((gamma * (N + 1), a1, a2), (gamma * N, a1.dag(), a2.dag())):
        if rate == 0:
            continue
        c1, c2 = np.sqrt(rate) * x1, np.sqrt(rate) * x2
        c_ops.append(c1 + c2)
        H = H + 0.5j * (c1.dag() * c2 - c2.dag() * c1)
    rho0 = qt.tensor(qt.thermal_dm(n, ns), qt.thermal_dm(n, ns))
    times = np.linspace(0.0, t_final, samples)
    opts = qt.Options(atol=1e-10, rtol=1e-8, nsteps=10**7)
    e_ops = [a1.dag() * a1, a2.dag() * a2, a1.dag() * a2]
    res = qt.mesolve(H, rho0, times, c_ops, e_ops, options=opts)
    wall = time.perf_counter() - t0
    n1, n2, x12 = res.expect[0][-1].real, res.expect[1][-1].real, res.expect[2][-1]
    J1, J2, J12 = omega * gamma * (n1 - N), omega * gamma * (n2 - N), 2 * omega * gamma * np.real(x12)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # bytes (Linux: kB)
    print(f"qutip_version={qt.__version__} n={n} wall={wall:.6f} peak_rss={peak} unknowns={n**4} "
          f"J1={J1:.12e} J2={J2:.12e} J12={J12:.12e}")


if __name__ == "__main__":
    main()
