#!/usr/bin/env python3
"""A digest of the examples' outputs, to catch any change of a number a user would see.

    example_digest.py write GOLDEN.json RUN.h5...     record the digest of these files
    example_digest.py compare GOLDEN.json RUN.h5...   exit 1 naming every difference

Per file (named by its stem, e.g. seed002_fig7) and per output time grid, observable and scalar,
over all runs of the file: the number of values, of NaNs, their sum, sum of squares, minimum and
maximum. Two digests agree when the same entries exist and every statistic agrees to 1e-12
relative (absolute below 1; LOOSE names the few outputs held to less). A change of physics updates the golden file, reviewed in its diff:
QTHERM_UPDATE_GOLDEN=1 in tests/cli/test_examples.sh.
"""
import json
import math
import os
import sys

import h5py
import numpy as np

TOL = 1e-12
# Outputs no solver determines to 1e-12: the nearest nonzero eigenvalue of a non-normal L is often
# defective or nearly so (seed 000's and 002's generators), which any eigensolver resolves only to
# about the square root of the rounding error; its last digits follow the BLAS in use (reference
# BLAS and OpenBLAS differ by 4e-8 relative on seed000_fig1cd).
LOOSE = {"scalars/steady_next_eigenvalue": 1e-6}


def digest(path):
    acc = {}
    with h5py.File(path, "r") as f:
        for run in f["runs"].values():
            items = [("t", run["t"][()])]
            for kind in ("observables", "scalars"):
                if kind in run:
                    items += [(f"{kind}/{n}", d[()]) for n, d in run[kind].items()]
            for key, values in items:
                v = np.atleast_1d(np.asarray(values, dtype=float)).ravel()
                finite = v[~np.isnan(v)]
                a = acc.setdefault(key, {"n": 0, "nan": 0, "sum": 0.0, "sumsq": 0.0, "min": math.inf, "max": -math.inf})
                a["n"] += int(v.size)
                a["nan"] += int(v.size - finite.size)
                if finite.size:
                    a["sum"] += float(finite.sum())
                    a["sumsq"] += float((finite * finite).sum())
                    a["min"] = min(a["min"], float(finite.min()))
                    a["max"] = max(a["max"], float(finite.max()))
    for a in acc.values():  # JSON has no infinities: an all-NaN entry keeps None
        for k in ("min", "max"):
            if math.isinf(a[k]):
                a[k] = None
    return acc


def differs(a, b, tol=TOL):
    if a is None or b is None:
        return a is not b
    return abs(a - b) > tol * max(1.0, abs(a), abs(b))


def main(mode, golden, files):
    current = {os.path.splitext(os.path.basename(p))[0]: digest(p) for p in files}
    if mode == "write":
        with open(golden, "w") as fh:
            json.dump(current, fh, indent=1, sort_keys=True)
            fh.write("\n")
        print(f"wrote the digest of {len(current)} example outputs to {golden}")
        return 0
    with open(golden) as fh:
        expected = json.load(fh)
    bad = []
    for name in sorted(set(expected) | set(current)):
        if name not in current:
            bad.append(f"{name}: in the golden digest, not among the outputs")
            continue
        if name not in expected:
            bad.append(f"{name}: no golden digest (a new example: write it with QTHERM_UPDATE_GOLDEN=1)")
            continue
        e, c = expected[name], current[name]
        for key in sorted(set(e) | set(c)):
            if key not in c or key not in e:
                bad.append(f"{name}: {key} {'no longer written' if key not in c else 'is new'}")
                continue
            for stat in ("n", "nan", "sum", "sumsq", "min", "max"):
                if differs(e[key][stat], c[key][stat], LOOSE.get(key, TOL)):
                    bad.append(f"{name}: {key} {stat} {e[key][stat]!r} -> {c[key][stat]!r}")
    for b in bad[:40]:
        print(b)
    if len(bad) > 40:
        print(f"... and {len(bad) - 40} more")
    entries = sum(len(d) for d in current.values())
    if bad:
        print(f"{len(bad)} difference(s) from the golden digest")
        return 1
    print(f"{len(current)} example outputs ({entries} series and scalars) equal the golden digest to {TOL:g}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in ("write", "compare"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
