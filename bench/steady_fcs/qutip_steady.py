#!/usr/bin/python3
"""QuTiP 4.7 steadystate of the dissipative Ising chain of bench/generic_lindblad/problem.py.

  qutip_steady.py N METHOD    METHOD: direct | iterative-gmres (QuTiP's defaults otherwise)

Prints one line of key=value: wall time, peak RSS, ||L rho_ss||_2 and U_steady = tr(H rho_ss).
"""
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "generic_lindblad"))
import problem  # noqa: E402


def main():
    n, method = sys.argv[1], sys.argv[2]
    import numpy as np
    import qutip as qt

    qt.settings.num_cpus = 1
    t0 = time.perf_counter()
    H, c_ops, _ = problem.qutip_system("ising", n)
    rho = qt.steadystate(H, c_ops, method=method)
    wall = time.perf_counter() - t0
    L = qt.liouvillian(H, c_ops)
    residual = np.linalg.norm(L.data @ qt.operator_to_vector(rho).full().ravel())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"qutip_version={qt.__version__} unknowns={4 ** int(n)} wall={wall:.6f} peak_rss={peak} "
          f"residual={residual:.3e} U_steady={qt.expect(H, rho):.12e}")


if __name__ == "__main__":
    main()
