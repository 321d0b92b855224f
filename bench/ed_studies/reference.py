#!/usr/bin/python3
"""Dense NumPy/SciPy reference for the many-body route of interacting_reservoirs (seed 003 model,
uniform all-to-all h, uniform gamma, density-density u inside each reservoir), as a user would
write it: the sector Hamiltonian in the Jordan-Wigner basis, the canonical Gibbs start
e^{-K}/Z with K = beta1 (H1 - mu1 N1) + beta2 (H2 - mu2 N2) restricted to the sector (scipy
eigh), rho(t) = U rho0 U^dagger with U = V e^{-iEt} V^dagger from one eigh of H, and
E_X = tr(H_X rho(t)).

usage: reference.py N1 N2 PARTICLES T_FINAL SAMPLES [QTHERM_H5] [--cutoff=C --mu1=M1 --mu2=M2]
With --cutoff: bosons with at most C per mode (H and the start projected onto that space) and
chemical potentials M1, M2 (bosons need mu below the lowest one-body energy).
Prints the wall time of the reference (operators, start, evolution) and, given the qtherm output
file, the largest difference of E1, E2, E_I and N1 over the output times.
"""
import itertools
import sys
import time

import numpy as np
import scipy.linalg

OMEGA1, OMEGA2, G, GAMMA, U1, U2 = 1.0, 0.8, 0.05, 0.05, 0.4, 0.4
BETA1, BETA2, MU1, MU2 = 0.5, 3.0, 1.0, 0.8


def sector_states(n, k):
    """Bit strings with k set bits, mode 0 the most significant bit."""
    return [sum(1 << (n - 1 - m) for m in occ) for occ in itertools.combinations(range(n), k)]


def operator(states, index, n, hop, dens):
    """sum_ij hop_ij c_i^dag c_j + sum_{i<j} dens_ij n_i n_j on the sector (JW signs)."""
    D = len(states)
    O = np.zeros((D, D), dtype=complex)
    bit = lambda s, m: (s >> (n - 1 - m)) & 1
    for c, s in enumerate(states):
        for i in range(n):
            for j in range(n):
                if hop[i, j] == 0 or not bit(s, j):
                    continue
                if i == j:
                    O[c, c] += hop[i, i]
                    continue
                if bit(s, i):
                    continue
                s1 = s ^ (1 << (n - 1 - j))  # c_j: sign from the occupied modes before j
                sign = (-1) ** bin(s >> (n - j)).count("1")
                sign *= (-1) ** bin(s1 >> (n - i)).count("1")  # c_i^dag
                O[index[s1 | (1 << (n - 1 - i))], c] += sign * hop[i, j]
        for i in range(n):
            for j in range(i + 1, n):
                if dens[i, j] and bit(s, i) and bit(s, j):
                    O[c, c] += dens[i, j]
    return O


def boson_states(n, k, cutoff):
    """Occupation tuples of n modes with k bosons, at most cutoff per mode."""
    return [occ for occ in itertools.product(range(cutoff + 1), repeat=n) if sum(occ) == k]


def boson_operator(states, index, n, hop, dens):
    """sum_ij hop_ij a_i^dag a_j + sum_{i<j} dens_ij n_i n_j on the truncated sector."""
    D = len(states)
    O = np.zeros((D, D), dtype=complex)
    for c, s in enumerate(states):
        for i in range(n):
            O[c, c] += hop[i, i] * s[i]
            for j in range(n):
                if i == j or hop[i, j] == 0 or s[j] == 0:
                    continue
                t = list(s)
                t[j] -= 1
                t[i] += 1
                r = index.get(tuple(t))
                if r is not None:  # None: beyond the cutoff, projected out
                    O[r, c] += hop[i, j] * np.sqrt(s[j] * (s[i] + 1))
            for j in range(i + 1, n):
                O[c, c] += dens[i, j] * s[i] * s[j]
    return O


def main():
    global MU1, MU2
    flags = {a.split("=")[0]: float(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("--")}
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n1, n2, k, tf, samples = int(args[0]), int(args[1]), int(args[2]), float(args[3]), int(args[4])
    MU1, MU2 = flags.get("--mu1", MU1), flags.get("--mu2", MU2)
    n = n1 + n2
    start = time.perf_counter()
    if "--cutoff" in flags:
        states = boson_states(n, k, int(flags["--cutoff"]))
        build = boson_operator
    else:
        states = sector_states(n, k)
        build = operator
    index = {s: i for i, s in enumerate(states)}
    h1 = np.full((n1, n1), G) + (OMEGA1 - G) * np.eye(n1)
    h2 = np.full((n2, n2), G) + (OMEGA2 - G) * np.eye(n2)
    z = np.zeros((n, n))
    parts = {}
    for name, block in (("H1", (slice(0, n1), h1, U1, 0)), ("H2", (slice(n1, n), h2, U2, n1))):
        sl, h, u, first = block
        hop, dens = np.zeros((n, n), dtype=complex), z.copy()
        hop[sl, sl] = h
        for m in range(first, first + (n1 if name == "H1" else n2) - 1):
            dens[m, m + 1] = u
        parts[name] = build(states, index, n, hop, dens)
    hop = np.zeros((n, n), dtype=complex)
    hop[:n1, n1:] = GAMMA
    hop[n1:, :n1] = GAMMA
    parts["E_I"] = build(states, index, n, hop, z)
    num = np.zeros((n, n), dtype=complex)
    num[:n1, :n1] = np.eye(n1)
    parts["N1"] = build(states, index, n, num, z)
    H = parts["H1"] + parts["H2"] + parts["E_I"]
    K = BETA1 * (parts["H1"] - MU1 * parts["N1"]) + BETA2 * (parts["H2"] - MU2 * (k * np.eye(len(states)) - parts["N1"]))
    kv, kV = scipy.linalg.eigh(K)
    w = np.exp(-(kv - kv.min()))
    rho0 = (kV * w) @ kV.conj().T
    rho0 /= np.trace(rho0).real
    built = time.perf_counter()
    E, V = scipy.linalg.eigh(H)
    times = np.linspace(0, tf, samples) if samples > 1 else np.zeros(1)
    out = {name: [] for name in ("H1", "H2", "E_I", "N1")}
    for t in times:
        U = (V * np.exp(-1j * E * t)) @ V.conj().T
        rho = U @ rho0 @ U.conj().T
        for name in out:
            out[name].append(np.sum(parts[name] * rho.T).real)  # tr(O rho) in O(D^2)
    done = time.perf_counter()
    print(f"reference: {len(states)} states, {samples} times: {done - start:.2f} s "
          f"(operators and start {built - start:.2f} s, eigh and evolution {done - built:.2f} s)")
    if len(args) > 5:
        import h5py
        with h5py.File(args[5], "r") as f:
            obs = f["runs/0/observables"]
            names = {"H1": "E1", "H2": "E2", "E_I": "E_I", "N1": "N1"}
            worst = max(float(np.max(np.abs(np.array(out[m]) - obs[q][()]))) for m, q in names.items())
        print(f"agreement: max |qtherm - reference| over E1, E2, E_I, N1 = {worst:.2e}")


if __name__ == "__main__":
    main()
