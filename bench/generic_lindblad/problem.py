#!/usr/bin/python3
"""The two problem families of bench/generic_lindblad, written once for both codes.

  problem.py ini   FAMILY SIZE [T_FINAL] [SAMPLES]   the qtherm `lindblad` configuration (stdout)
  problem.py qutip FAMILY SIZE [T_FINAL] [SAMPLES]   QuTiP 4.7 mesolve of the same problem: one line of
                                                     key=value (wall time, peak RSS, observables at t_final)

FAMILY ising:    SIZE qubits, H = sum_k h sx_k + J sum_k sz_k sz_{k+1} + (eps/2) sz_k, decay gamma sm_k on
                 every site, start in the all-excited state (qtherm's basis index 0).
FAMILY cavities: SIZE = "MxN": M lossy cavities of N levels in a chain, detuning D, Kerr K/2 n(n-1),
                 coherent drive F on the first, hopping Jc, loss kappa on every cavity, start in vacuum.
Observables: the first and the last site (sz, or n), written as z_first/z_last (n_first/n_last).
"""
import sys

PARAMS = dict(h=1.0, J=0.5, eps=0.3, gamma=0.1, D=0.5, K=0.2, F=0.4, Jc=0.3, kappa=0.2)


def shape(family, size):
    if family == "ising":
        return [2] * int(size)
    m, n = size.split("x")
    return [int(n)] * int(m)


def terms(family, size):
    """H as (coefficient, [(operator, site), ...]) and jumps as (rate, operator, site), in qtherm's names."""
    p, dims = PARAMS, shape(family, size)
    M = len(dims)
    H, jumps = [], []
    if family == "ising":
        for k in range(M):
            H += [(p["h"], [("sx", k)]), (p["eps"] / 2, [("sz", k)])]
        for k in range(M - 1):
            H.append((p["J"], [("sz", k), ("sz", k + 1)]))
        jumps = [(p["gamma"], "sm", k) for k in range(M)]
    else:
        for k in range(M):
            H += [(p["D"], [("n", k)]), (p["K"] / 2, [("n", k), ("n", k)]), (-p["K"] / 2, [("n", k)])]
        H += [(p["F"], [("a", 0)]), (p["F"], [("adag", 0)])]
        for k in range(M - 1):
            H += [(p["Jc"], [("adag", k), ("a", k + 1)]), (p["Jc"], [("a", k), ("adag", k + 1)])]
        jumps = [(p["kappa"], "a", k) for k in range(M)]
    return dims, H, jumps


def ini(family, size, t_final, samples):
    dims, H, jumps = terms(family, size)
    M = len(dims)
    ham = ""
    for c, ops in H:  # "a - b", not "a + -b": qtherm's expressions take a sign only between terms
        term = f"{abs(c)!r}*" + "*".join(f"{o}({k})" for o, k in ops)
        ham += (" - " if c < 0 else " + ") + term if ham else ("-" if c < 0 else "") + term
    jmp = "; ".join(f"{r!r} : {o}({k})" for r, o, k in jumps)
    obs = "sz" if family == "ising" else "n"
    name = "z" if family == "ising" else "n"
    basis = ", ".join(["0"] * M) if family == "ising" else ", ".join(["0"] * M)
    return f"""[model]
name = lindblad
dims = {", ".join(map(str, dims))}
hamiltonian = {ham}
jumps = {jmp}
initial = basis
initial_basis = {basis}
observables = {name}_first : {obs}(0); {name}_last : {obs}({M - 1})

[time]
t_final = {t_final}
samples = {samples}
atol = 1e-10
rtol = 1e-8

[steady]
solve = false
"""


def qutip_system(family, size):
    """H, the collapse operators and local(name, site) as QuTiP objects (also for bench/steady_fcs)."""
    import numpy as np
    import qutip as qt

    dims, H_terms, jumps = terms(family, size)
    M = len(dims)

    def local(name, k):
        d = dims[k]
        if name in ("sx", "sz", "sm"):
            # qtherm's qubit basis: index 0 = excited, sz = diag(1, -1), sm = |1><0| (QuTiP's sigmam).
            m = {"sx": qt.sigmax(), "sz": qt.sigmaz(), "sm": qt.sigmam()}[name]
        else:
            m = {"a": qt.destroy(d), "adag": qt.create(d), "n": qt.num(d)}[name]
        return qt.tensor([m if j == k else qt.qeye(dims[j]) for j in range(M)])

    H = 0
    for c, ops in H_terms:
        term = c
        for o, k in ops:
            term = term * local(o, k)
        H = H + term
    c_ops = [np.sqrt(r) * local(o, k) for r, o, k in jumps]
    return H, c_ops, local


def run_qutip(family, size, t_final, samples):
    import resource
    import time

    import numpy as np
    import qutip as qt

    qt.settings.num_cpus = 1  # single-threaded like one qtherm rank (OMP_NUM_THREADS=1 is set by run.sh)

    dims = shape(family, size)
    M = len(dims)
    t0 = time.perf_counter()
    H, c_ops, local = qutip_system(family, size)
    if family == "ising":
        psi = qt.tensor([qt.basis(2, 0)] * M)
        e_ops = [local("sz", 0), local("sz", M - 1)]
    else:
        psi = qt.tensor([qt.basis(d, 0) for d in dims])
        e_ops = [local("n", 0), local("n", M - 1)]
    rho0 = psi * psi.dag()
    times = np.linspace(0.0, t_final, samples)
    opts = qt.Options(atol=1e-10, rtol=1e-8, nsteps=10**8)
    res = qt.mesolve(H, rho0, times, c_ops, e_ops, options=opts)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    n = int(np.prod(dims)) ** 2
    print(f"qutip_version={qt.__version__} unknowns={n} wall={wall:.6f} peak_rss={peak} "
          f"first={res.expect[0][-1].real:.12e} last={res.expect[1][-1].real:.12e}")


def main():
    what, family, size = sys.argv[1], sys.argv[2], sys.argv[3]
    t_final = float(sys.argv[4]) if len(sys.argv) > 4 else 10.0
    samples = int(sys.argv[5]) if len(sys.argv) > 5 else 101
    if family not in ("ising", "cavities"):
        sys.exit(f"problem.py: unknown family {family!r} (ising, cavities)")
    if what == "ini":
        sys.stdout.write(ini(family, size, t_final, samples))
    elif what == "qutip":
        run_qutip(family, size, t_final, samples)
    else:
        sys.exit(f"problem.py: unknown command {what!r} (ini, qutip)")


if __name__ == "__main__":
    main()
