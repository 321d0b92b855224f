#!/usr/bin/python3
"""Coverage of typicality error estimates: a NumPy model of spin_chain_erasure's typicality route.

The same estimator as src/qtherm/models/spin_chain/spin_chain_distributed.cpp (ratios of sample sums of
e^{-beta H_E/2}|r>-weighted numerators over <r|e^{-beta H_E}|r>, leave-one-out jackknife of every
derived output) on the dense 2^(N+1) space, with NumPy's generator instead of qtherm's counter hash.
For each parameter set it draws SEEDS independent groups of SAMPLES random vectors and prints, per
output and output time, the fraction of groups whose interval contains the exact value:

  jack z     estimate ± z·SE_jack        (z = normal quantile of LEVEL; 1 for 68.3 %: the error before issue 18)
  jack t     estimate ± t_{n-1}·SE_jack  (Student-t quantile: qtherm's <name>_error since issue 18)
  jack bc t  bias-corrected jackknife estimate n·θ - (n-1)·mean(θ_i) ± t_{n-1}·SE_jack
  transf t   jack t on log (tr_M_rho, coherence_abs) or logit (p_up) scale, mapped back
  boot-t     symmetric bootstrap-t: ± (LEVEL quantile of |θ* - θ|/SE*_jack over BOOT resamples)·SE_jack

    /usr/bin/python3 bench/spin_chain/typicality_coverage.py [--seeds 4000] [--samples 8]
        [--vectors gauss|phase] [--level 0.6827] [--boot 0] [--only-test-point]
"""
import argparse
import math

import numpy as np
from scipy import stats

NAMES = ["heat", "beta_heat", "entropy_S", "delta_S", "B_Q", "B_RW", "tr_M_rho", "p_up", "coherence_abs"]
SX = np.array([[0, 1], [1, 0]], complex)
SY = np.array([[0, 1j], [-1j, 0]], complex)  # one site, basis (down, up) = (bit 0, bit 1)
SZ = np.diag([-1.0, 1.0]).astype(complex)
I2 = np.eye(2)
SWAP = np.array([[0, 1], [1, 0]])  # bit order (down, up) <-> the seed's basis (|1>, |0>)


def site_op(n, ops):
    m = np.array([[1.0 + 0j]])
    for s in range(n):  # site 0 is the most significant bit
        m = np.kron(m, ops.get(s, I2))
    return m


def chain(n, off, N, B, J, Delta):
    H = sum(B * site_op(n, {off + j: SZ}) for j in range(N))
    for j in range(N - 1):
        a, b = off + j, off + j + 1
        H = H + J * (site_op(n, {a: SX, b: SX}) + site_op(n, {a: SY, b: SY}) + Delta * site_op(n, {a: SZ, b: SZ}))
    return H


def reeb_wolf_R(N):
    r = np.linspace(1e-9, 0.5 - 1e-9, 400001)
    return np.max(r * (1 - r) * (np.log((1 - r) / r) + np.log(2.0**N - 1)) ** 2)


def entropy(rho):
    ev = np.clip(np.linalg.eigvalsh(rho), 1e-300, None)
    return -np.sum(np.where(ev > 1e-14, ev * np.log(ev), 0), axis=-1)


def block_trace(X, dE):  # tr_E of an operator on S (x) E, in the seed's basis of S
    return SWAP @ np.array([[np.trace(X[a * dE:(a + 1) * dE, b * dE:(b + 1) * dE]) for b in range(2)]
                            for a in range(2)]) @ SWAP


class Model:
    def __init__(self, N=6, B0=1.0, B=1.0, J0=1.0, J=1.0, Delta=0.0, beta=2.0, alpha=1.0, times=(1.0, 2.0)):
        self.label = f"N={N} beta={beta} B0={B0} B={B} J0={J0} J={J} Delta={Delta} alpha={alpha} t={list(times)}"
        self.N, self.beta, self.times = N, beta, list(times)
        n, self.dE = N + 1, 2**N
        H = B0 * site_op(n, {0: SZ}) + J0 * (site_op(n, {0: SX, 1: SX}) + site_op(n, {0: SY, 1: SY})) + chain(n, 1, N, B, J, Delta)
        self.HE = chain(N, 0, N, B, J, Delta)
        self.HEj = np.kron(I2, self.HE)
        e, v = np.linalg.eigh(H)
        self.U = [v @ np.diag(np.exp(-1j * e * t)) @ v.conj().T for t in self.times]
        ee, ev = np.linalg.eigh(self.HE)
        self.G = ev @ np.diag(np.exp(-beta * (ee - ee.min()) / 2)) @ ev.conj().T  # e^{-beta (H_E - E0)/2}
        w = np.exp(-beta * (ee - ee.min()))
        self.rhoE = ev @ np.diag(w / w.sum()) @ ev.conj().T
        psi = np.array([alpha, math.sqrt(max(0.0, 1 - alpha * alpha))], complex)
        self.rhoS0 = np.outer(psi, psi.conj())  # seed basis (|1>, |0>)
        lam, s = np.linalg.eigh(self.rhoS0)
        self.lam, self.s = lam[lam > 1e-15], s[:, lam > 1e-15]
        self.S0 = entropy(self.rhoS0[None])[0]
        self.R = reeb_wolf_R(N)
        self.exact = self.exact_values()  # (T, names)

    def derive(self, heat, rho, M):  # as spin_chain_erasure.cpp's derive(), vectorised
        S = entropy(rho)
        tr = np.einsum("kij,ji->k", M, self.rhoS0).real
        dS = self.S0 - S
        rw = np.where(dS < 0, self.R - np.sqrt(np.maximum(self.R**2 - 2 * self.R * dS, 0)), dS + dS**2 / (2 * self.R))
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.array([heat, self.beta * heat, S, dS, -np.log(tr), rw, tr, rho[:, 0, 0].real, np.abs(rho[:, 0, 1])])

    def exact_values(self):
        rho0 = np.kron(SWAP @ self.rhoS0 @ SWAP, self.rhoE)
        h0 = np.trace(self.HEj @ rho0).real
        out = []
        for U in self.U:
            rho = U @ rho0 @ U.conj().T
            M = block_trace(U.conj().T @ np.kron(I2, self.rhoE) @ U, self.dE)
            out.append(self.derive(np.array([np.trace(self.HEj @ rho).real - h0]), block_trace(rho, self.dE)[None], M[None])[:, 0])
        return np.array(out)

    def reduced(self, X):  # tr_E |x><x| per column, seed basis
        up, dn = X[self.dE:], X[:self.dE]
        r = np.empty((X.shape[1], 2, 2), complex)
        r[:, 0, 0], r[:, 1, 1] = np.sum(np.abs(up) ** 2, 0), np.sum(np.abs(dn) ** 2, 0)
        r[:, 0, 1] = np.sum(up * dn.conj(), 0)
        r[:, 1, 0] = r[:, 0, 1].conj()
        return r

    def units(self, R):
        """Per random vector (columns of R): den, heat numerator (T), rho_S numerator (T,2,2), M numerator (T,2,2)."""
        Phi = self.G @ R
        den = np.sum(np.abs(Phi) ** 2, 0)
        h0 = np.einsum("ik,ik->k", Phi.conj(), self.HE @ Phi).real
        zero = np.zeros_like(Phi)
        a, b = np.vstack([zero, Phi]), np.vstack([Phi, zero])  # |1>(x)phi (S up: upper half), |0>(x)phi
        K, T = R.shape[1], len(self.times)
        heat, rho, M = np.zeros((K, T)), np.zeros((K, T, 2, 2), complex), np.zeros((K, T, 2, 2), complex)
        for k, U in enumerate(self.U):
            for j in range(len(self.lam)):
                x = U @ (self.s[0, j] * a + self.s[1, j] * b)
                heat[:, k] += self.lam[j] * np.einsum("ik,ik->k", x.conj(), self.HEj @ x).real
                rho[:, k] += self.lam[j] * self.reduced(x)
            heat[:, k] -= h0 * self.lam.sum()
            M[:, k] = self.reduced(U.conj().T @ a) + self.reduced(U.conj().T @ b)
        return den, heat, rho, M

    def estimates(self, den, heat, rho, M):  # sums (any leading shape) -> derived (names, shape..., T)
        shape = den.shape + (heat.shape[-1],)
        return self.derive((heat / den[..., None]).reshape(-1), (rho / den[..., None, None, None]).reshape(-1, 2, 2),
                           (M / den[..., None, None, None]).reshape(-1, 2, 2)).reshape((len(NAMES),) + shape)


def draw(kind, dE, K, rng):
    if kind == "gauss":  # complex Gaussian, E|r|^2 = 1 (qtherm's vectors)
        return (rng.standard_normal((dE, K)) + 1j * rng.standard_normal((dE, K))) / math.sqrt(2)
    return np.exp(2j * np.pi * rng.random((dE, K)))  # random phase, |r| = 1


def jackknife(m, units):
    n = units[0].shape[1]
    tot = [x.sum(1) for x in units]
    full = m.estimates(*tot)  # (names, seeds, T)
    loo = m.estimates(*[t[:, None] - x for t, x in zip(tot, units)])  # (names, seeds, n, T)
    mean = loo.mean(2)
    se = np.sqrt((n - 1) / n * ((loo - mean[:, :, None]) ** 2).sum(2))
    return full, loo, mean, se


def coverage(m, args, rng):
    n, level = args.samples, args.level
    units = m.units(draw(args.vectors, m.dE, args.seeds * n, rng))
    units = [x.reshape((args.seeds, n) + x.shape[1:]) for x in units]
    full, loo, mean, se = jackknife(m, units)
    ex = m.exact.T[:, None, :]
    z, tq = stats.norm.ppf(0.5 + level / 2), stats.t.ppf(0.5 + level / 2, n - 1)
    res = {"jack z": np.abs(full - ex) <= z * se, "jack t": np.abs(full - ex) <= tq * se,
           "jack bc t": np.abs(n * full - (n - 1) * mean - ex) <= tq * se}
    tr = res["jack t"].copy()
    for i, (f, finv) in {6: (np.log, np.exp), 8: (np.log, np.exp),
                         7: (lambda p: np.log(p / (1 - p)), lambda x: 1 / (1 + np.exp(-x)))}.items():
        with np.errstate(invalid="ignore", divide="ignore"):
            F, L = f(full[i]), f(loo[i])
            s = np.sqrt((n - 1) / n * ((L - L.mean(1, keepdims=True)) ** 2).sum(1))
            tr[i] = (finv(F - tq * s) <= ex[i]) & (ex[i] <= finv(F + tq * s))
    res["transf t"] = tr
    if args.boot:
        tstar = []
        for idx in rng.integers(0, n, size=(args.boot, n)):
            fb, _, _, sb = jackknife(m, [x[:, idx] for x in units])
            with np.errstate(invalid="ignore", divide="ignore"):
                tstar.append(np.abs(fb - full) / sb)
        res["boot-t"] = np.abs(full - ex) <= np.nanquantile(np.array(tstar), level, axis=0) * se
    dev = full - ex
    return res, dev.mean(1) / dev.std(1), np.sqrt((se**2).mean(1)) / dev.std(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=4000)
    ap.add_argument("--samples", type=int, default=8)
    ap.add_argument("--vectors", choices=["gauss", "phase"], default="gauss")
    ap.add_argument("--level", type=float, default=math.erf(1 / math.sqrt(2)))
    ap.add_argument("--boot", type=int, default=0, help="bootstrap resamples (0: no bootstrap-t)")
    ap.add_argument("--only-test-point", action="store_true", help="only the point of the ctest coverage test")
    args = ap.parse_args()
    points = [dict(J0=0.6, B0=0.8, alpha=0.8, Delta=0.5)]  # tests/unit/models/test_spin_chain_typicality_coverage.cpp
    if not args.only_test_point:
        points += [dict(J0=0.6, B0=0.8, alpha=0.8), dict(times=(0.5, 1.0, 2.0)), dict(J0=0.1, alpha=0.99, times=(1, 3, 7.85)),
                   dict(B=0.3, J0=0.5, alpha=0.8), dict(B=2.0, J0=0.5, alpha=0.8)]
    rng = np.random.default_rng(2026)
    for p in points:
        m = Model(**p)
        w = np.linalg.eigvalsh(m.rhoE)
        res, bias, ratio = coverage(m, args, rng)
        print(f"== {m.label}: {args.seeds} seeds x {args.samples} {args.vectors} vectors, level {100 * args.level:.1f} %, "
              f"effective chain dimension 1/tr(rho_E^2) = {1 / np.sum(w**2):.2f}")
        print("%-10s" % "exact" + "".join("%15s" % "/".join("%.4g" % v for v in m.exact[:, i]) for i in range(len(NAMES))))
        print("%-10s" % "coverage" + "".join("%15s" % nm for nm in NAMES))
        for k, v in res.items():
            c = 100 * v.mean(1)
            print("%-10s" % k + "".join("%15s" % "/".join("%.1f" % x for x in c[i]) for i in range(len(NAMES))))
        print("%-10s" % "bias/sd" + "".join("%15s" % "/".join("%+.2f" % x for x in bias[i]) for i in range(len(NAMES))))
        print("%-10s" % "SE/sd" + "".join("%15s" % "/".join("%.2f" % x for x in ratio[i]) for i in range(len(NAMES))))


if __name__ == "__main__":
    main()
