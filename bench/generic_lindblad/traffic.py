#!/usr/bin/python3
"""Bytes each rank receives per Liouvillian application of the column shell, counted (not timed).

  traffic.py FAMILY SIZE [RANKS...]     (default ranks 1 2 3 4 5 6 7 8)

The shell's rule (operators/column_liouvillian.cpp, ghost_columns): rank r owns the columns [c0, c1)
of rho (PETSc's even split of the d columns) and fetches, once per product, every column l outside
them with R[l, j] != 0 or B_g[l, j] != 0 for an owned j, where L(rho) = K rho + rho R + sum A_g rho B_g.
Here R = i H_eff^dag (the right part of -i(H_eff rho - rho H_eff^dag)) and B_g = c_g^dag: their
patterns are those of H and of the jump operators' adjoints, built from problem.py's terms. What a
rank receives, another sends: the totals match. Prints, per rank count, the largest and the total
received bytes and their ratio to one rank's share of the vector.
"""
import sys

import numpy as np
import scipy.sparse as sp

from problem import shape, terms


def local(name, d):
    m = {"sx": [[0, 1], [1, 0]], "sz": [[1, 0], [0, -1]], "sm": [[0, 0], [1, 0]]}.get(name)
    if m is not None:
        return sp.csr_matrix(np.array(m, dtype=complex))
    a = sp.diags(np.sqrt(np.arange(1, d)), 1, format="csr", dtype=complex)
    return {"a": a, "adag": a.T.tocsr(), "n": (a.T @ a).tocsr()}[name]


def embed(ops, dims):
    out = sp.identity(1, format="csr", dtype=complex)
    for k, d in enumerate(dims):
        m = sp.identity(d, format="csr", dtype=complex)
        for name, site in ops:
            if site == k:
                m = m @ local(name, d)
        out = sp.kron(out, m, format="csr")
    return out


def main():
    family, size = sys.argv[1], sys.argv[2]
    ranks = [int(x) for x in sys.argv[3:]] or list(range(1, 9))
    dims, H_terms, jumps = terms(family, size)
    d = int(np.prod(dims))
    H = sum(c * embed(ops, dims) for c, ops in H_terms)
    right = [abs(H) > 0] + [abs(embed([(o, k)], dims).getH()) > 0 for _, o, k in jumps]
    pattern = sum(m.astype(np.int8) for m in right).tocsc()  # column j: the sources l of output column j
    print(f"{family} {size}: d = {d}, {d * d} Liouville unknowns")
    print("ranks  max received per rank  total received   max / local vector")
    for P in ranks:
        counts = [d // P + (1 if r < d % P else 0) for r in range(P)]
        starts = np.concatenate([[0], np.cumsum(counts)])
        worst = total = 0
        for r in range(P):
            c0, c1 = starts[r], starts[r + 1]
            src = pattern[:, c0:c1].tocoo().row
            ghosts = np.unique(src[(src < c0) | (src >= c1)])
            b = 16 * d * len(ghosts)
            worst, total = max(worst, b), total + b
        share = 16 * d * (d / P)
        print(f"{P:5d}  {worst / 1e6:14.2f} MB  {total / 1e6:14.2f} MB  {worst / share:10.2f}")


if __name__ == "__main__":
    main()
