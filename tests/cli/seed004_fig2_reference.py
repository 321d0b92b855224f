"""seed004_fig2_reference.py FIG2A.h5 FIG2BCD.h5: seed 004 Fig. 2 recomputed from the paper.

Independent of qtherm: NumPy only, written from seed 004's definitions with the paper's parameters
hard-coded, so a drift of the examples away from the paper's family fails here too. Fig. 2's family:
J_x = 2 J_y = 1 fixed (caption) and alpha = arctan(J_zy / sqrt(J_x^2 + J_y^2)) (below Eq. 29);
g = g0/sqrt(dt) with g0 = 1, dt = 0.05, omega_S = omega_A = 1 (Fig. 1); initial Bloch vector of
Fig. 1. One collision: U = exp[-i dt (H_S + H_A + g V)] on rho_S (x) rho_A^th (Eq. 25); heat into
the ancilla Q = tr[(rho_A' - rho_A) H_A] (Eq. 21); switching work on S + A, W = Delta<H_S + H_A>
(the sign of Eq. 22); Sigma = Delta S_S + beta Q. The fixed point is the eigenvector of the map's
4x4 matrix with eigenvalue 1. Every run of both files is compared to 1e-8 (relative above 1).
"""
import sys

import h5py
import numpy as np

JX, JY, G0, DT, OMEGA = 1.0, 0.5, 1.0, 0.05, 1.0
BLOCH = np.array([-0.3826834324, 0.0, -0.9238795325])
TOL = 1e-8

sx = np.array([[0, 1], [1, 0]], complex)
sy = np.array([[0, -1j], [1j, 0]])
sz = np.diag([1.0, -1.0]).astype(complex)  # index 0 = excited
one = np.eye(2)


def collision(alpha, beta):
    jzy = np.tan(alpha) * np.hypot(JX, JY)
    V = JX * np.kron(sx, sx) + JY * np.kron(sy, sy) + jzy * np.kron(sz, sy)
    HS, HA = OMEGA / 2 * sz, OMEGA / 2 * sz
    H = np.kron(HS, one) + np.kron(one, HA) + G0 / np.sqrt(DT) * V
    e, P = np.linalg.eigh(H)
    U = P @ np.diag(np.exp(-1j * DT * e)) @ P.conj().T
    w = np.exp(-beta * np.diag(HA).real)
    rhoA = np.diag(w / w.sum()).astype(complex)
    return U, HS, HA, rhoA


def ptrace(r, keep):
    r = r.reshape(2, 2, 2, 2)
    return np.einsum("ijkj->ik", r) if keep == 0 else np.einsum("ijil->jl", r)


def entropy(r):
    p = np.linalg.eigvalsh((r + r.conj().T) / 2)
    p = p[p > 1e-300]
    return float(-(p * np.log(p)).sum())


def step(rho, model, beta):
    U, HS, HA, rhoA = model
    before = np.kron(rho, rhoA)
    after = U @ before @ U.conj().T
    rs, ra = ptrace(after, 0), ptrace(after, 1)
    Q = np.trace((ra - rhoA) @ HA).real
    W = np.trace((after - before) @ (np.kron(HS, one) + np.kron(one, HA))).real
    sigma = entropy(rs) - entropy(rho) + beta * Q
    return rs, Q, W, sigma


def fixed_point(model):
    U, _, _, rhoA = model
    M = np.zeros((4, 4), complex)
    for k in range(4):
        E = np.zeros(4, complex)
        E[k] = 1
        r = E.reshape(2, 2, order="F")
        M[:, k] = ptrace(U @ np.kron(r, rhoA) @ U.conj().T, 0).reshape(4, order="F")
    e, v = np.linalg.eig(M)
    r = v[:, np.argmin(abs(e - 1))].reshape(2, 2, order="F")
    r = (r + r.conj().T) / 2
    return r / np.trace(r).real


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(b))


def main(fig2a, fig2bcd):
    bad, checked, alphas = [], 0, set()
    with h5py.File(fig2a, "r") as f:
        for k in f["runs"]:
            run = f["runs"][k]
            alpha, beta = float(run.attrs["alpha"]), float(run.attrs["beta"])
            alphas.add(round(alpha, 12))
            model = collision(alpha, beta)
            ref = 2 * abs(fixed_point(model)[0, 1])
            got = float(run["scalars/steady_coherence_l1"][()])
            checked += 1
            if not close(got, ref):
                bad.append(f"fig2a alpha={alpha} beta={beta}: steady_coherence_l1 {got!r} vs {ref!r}")
    n2a = len(alphas)
    alphas = set()
    with h5py.File(fig2bcd, "r") as f:
        for k in f["runs"]:
            run = f["runs"][k]
            alpha = float(run.attrs["alpha"])
            alphas.add(round(alpha, 12))
            beta = 1.0
            model = collision(alpha, beta)
            t = run["t"][()]
            want = {n: run["observables/" + n][()] for n in
                    ("heat_current", "work_current", "entropy_production_rate", "Q", "W", "Sigma")}
            rho = 0.5 * (one + sum(b * s for b, s in zip(BLOCH / max(1, np.linalg.norm(BLOCH)), (sx, sy, sz))))
            sums = np.zeros(3)
            ref = {n: [] for n in want}
            n_last = int(round(t[-1] / DT))
            samples = set(int(round(x / DT)) for x in t)
            for c in range(n_last + 1):
                rs, Q, W, S = step(rho, model, beta)
                if c in samples:
                    for n, v in zip(ref, (Q / DT, W / DT, S / DT, *sums)):
                        ref[n].append(v)
                sums += (Q, W, S)
                rho = (rs + rs.conj().T) / 2
                rho /= np.trace(rho).real
            for n in want:
                for x, a, b in zip(t, want[n], ref[n]):
                    checked += 1
                    if not close(a, b):
                        bad.append(f"fig2bcd alpha={alpha} t={x}: {n} {a!r} vs {b!r}")
            fp = fixed_point(model)
            Qfp = step(fp, model, beta)[1] / DT
            got = float(run["scalars/steady_heat_current"][()])
            checked += 1
            if not close(got, Qfp):
                bad.append(f"fig2bcd alpha={alpha}: steady_heat_current {got!r} vs {Qfp!r}")
    for b in bad[:20]:
        print("FAIL:", b)
    print(f"{checked} values checked at {n2a} (fig2a) and {len(alphas)} (fig2bcd) values of alpha; {len(bad)} off by more than {TOL}")
    if n2a < 5 or len(alphas) < 5:
        print("FAIL: fewer than five values of alpha per figure")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
