#!/usr/bin/env python3
"""compare_runs.py A.h5 B.h5 [--tol=T | --bitwise] [--skip=NAME,NAME]

Compares two qtherm study files run by run: the same run indices, the same observables, scalars
and parameter attributes, with values equal to T (absolute, NaN equal to NaN) or bit for bit.
Scalars about the solver rather than the physics (step counts, residual norms) may differ unless
--bitwise; --skip leaves out the named series (e.g. monitors of round-off). Prints one line per difference; exit status 1 if any, else 0 with a summary line."""
import sys

import h5py
import numpy as np

SOLVER_SCALARS = {"steps", "steady_residual", "final_stationarity", "steady_next_eigenvalue"}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    bitwise = "--bitwise" in sys.argv
    tol = 0.0
    skip = set()
    for a in sys.argv:
        if a.startswith("--tol="):
            tol = float(a.split("=", 1)[1])
        if a.startswith("--skip="):
            skip = set(a.split("=", 1)[1].split(","))
    a, b = (h5py.File(p, "r") for p in args)
    problems = []
    ra, rb = sorted(a["runs"], key=int), sorted(b["runs"], key=int)
    if ra != rb:
        problems.append(f"runs differ: {ra} vs {rb}")
    worst = 0.0
    for k in (r for r in ra if r in rb):
        ga, gb = a["runs"][k], b["runs"][k]
        if dict(ga.attrs) != dict(gb.attrs):
            problems.append(f"run {k}: parameters differ: {dict(ga.attrs)} vs {dict(gb.attrs)}")
        for group in ("observables", "scalars"):
            na, nb = sorted(ga[group]), sorted(gb[group])
            if na != nb:
                problems.append(f"run {k}: {group} differ: {set(na) ^ set(nb)}")
            for name in (n for n in na if n in nb and n not in skip):
                if group == "scalars" and name in SOLVER_SCALARS and not bitwise:
                    continue
                x, y = np.atleast_1d(ga[group][name][()]), np.atleast_1d(gb[group][name][()])
                if bitwise:
                    same = x.tobytes() == y.tobytes()
                    if not same:
                        problems.append(f"run {k}: {group}/{name} not bitwise equal")
                    continue
                if np.any(np.isnan(x) != np.isnan(y)):
                    problems.append(f"run {k}: {group}/{name}: NaN in one file only")
                    continue
                d = np.max(np.abs(np.nan_to_num(x) - np.nan_to_num(y)), initial=0.0)
                worst = max(worst, d)
                if d > tol:
                    problems.append(f"run {k}: {group}/{name} differs by {d:.3g} > {tol:.3g}")
        if not np.array_equal(ga["t"][()], gb["t"][()]):
            problems.append(f"run {k}: t differs")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"{len(ra)} run(s) equal ({'bitwise' if bitwise else f'max difference {worst:.3g}'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
