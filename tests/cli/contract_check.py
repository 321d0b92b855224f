#!/usr/bin/env python3
"""Check a qtherm output file against the contract in docs/design.md ("Output").

    contract_check.py FILE.h5 [--model NAME]

Prints one line per problem and exits 1 if there is any; otherwise prints a one-line summary and
exits 0 (2 for bad arguments). Needs only numpy and h5py (Debian python3-numpy, python3-h5py).

Deliberately strict: anything the contract does not name (an extra root member, an extra member
of a run) is reported, so that a change of the file layout shows up here together with a change
of the contract.
"""
import argparse
import re
import sys

import h5py
import numpy as np

STRING_ATTRIBUTES = ["qtherm_version", "git_revision", "model", "config", "petsc_version",
                     "slepc_version", "created_utc"]
QUANTITY_ATTRIBUTES = ["unit", "sign", "meaning"]
RUN_MEMBERS = {"t", "observables", "scalars", "states"}
ISO8601_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]00:?00)$")


def is_str(value):
    # h5py gives str for variable-length UTF-8 strings, bytes for other strings.
    return isinstance(value, str)


def is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def check_root(f, model, problems):
    attrs = f.attrs
    for name in STRING_ATTRIBUTES:
        if name not in attrs:
            problems.append(f"/: missing root attribute '{name}'")
        elif not is_str(attrs[name]):
            problems.append(f"/: attribute '{name}' is {type(attrs[name]).__name__}, "
                            "expected a (UTF-8) string")
    if "mpi_ranks" not in attrs:
        problems.append("/: missing root attribute 'mpi_ranks'")
    elif not is_int(attrs["mpi_ranks"]) or np.ndim(attrs["mpi_ranks"]) != 0:
        problems.append(f"/: attribute 'mpi_ranks' is {attrs['mpi_ranks']!r}, expected an integer")
    elif attrs["mpi_ranks"] < 1:
        problems.append(f"/: attribute 'mpi_ranks' is {attrs['mpi_ranks']}, expected >= 1")
    created = attrs.get("created_utc")
    if is_str(created) and not ISO8601_UTC.match(created):
        problems.append(f"/: created_utc '{created}' is not an ISO 8601 UTC time")
    for name in ("model", "qtherm_version"):
        if is_str(attrs.get(name)) and not attrs[name]:
            problems.append(f"/: attribute '{name}' is empty")
    if model is not None and is_str(attrs.get("model")) and attrs["model"] != model:
        problems.append(f"/: model is '{attrs['model']}', expected '{model}'")
    for name in f:
        if name != "runs":
            problems.append(f"/{name}: not part of the contract")


def datasets_under(group):
    found = []
    group.visititems(lambda name, obj: found.append(obj) if isinstance(obj, h5py.Dataset) else None)
    return found


def check_quantity_attributes(ds, problems):
    for name in QUANTITY_ATTRIBUTES:
        if name not in ds.attrs:
            problems.append(f"{ds.name}: missing attribute '{name}'")
        elif not is_str(ds.attrs[name]):
            problems.append(f"{ds.name}: attribute '{name}' is not a string")


def check_run(run, problems):
    """Returns (nt, number of observables) for the summary."""
    for name in run:
        if name not in RUN_MEMBERS:
            problems.append(f"{run.name}/{name}: not part of the contract")
    for name, value in run.attrs.items():
        if np.ndim(value) != 0:
            problems.append(f"{run.name}: parameter attribute '{name}' is not a single value")

    nt = None
    t = run.get("t")
    if not isinstance(t, h5py.Dataset):
        problems.append(f"{run.name}/t: missing (or not a dataset)")
    elif t.dtype != np.float64 or t.ndim != 1:
        problems.append(f"{run.name}/t: is {t.dtype}{list(t.shape)}, expected float64[nt]")
    else:
        nt = t.shape[0]
        values = t[()]
        if not np.all(np.isfinite(values)):
            problems.append(f"{run.name}/t: not all finite")
        elif np.any(np.diff(values) <= 0):
            problems.append(f"{run.name}/t: not strictly increasing")

    n_obs = 0
    for kind in ("observables", "scalars"):
        group = run.get(kind)
        if not isinstance(group, h5py.Group):
            problems.append(f"{run.name}/{kind}: missing (or not a group)")
            continue
        for ds in datasets_under(group):
            check_quantity_attributes(ds, problems)
            if kind == "observables":
                n_obs += 1
                if ds.dtype != np.float64 or ds.ndim != 1:
                    problems.append(f"{ds.name}: is {ds.dtype}{list(ds.shape)}, "
                                    "expected float64[nt]")
                elif nt is not None and ds.shape[0] != nt:
                    problems.append(f"{ds.name}: has {ds.shape[0]} values, t has {nt}")
            elif ds.dtype != np.float64 or ds.shape != ():
                problems.append(f"{ds.name}: is {ds.dtype}{list(ds.shape)}, "
                                "expected a float64 scalar")

    states = run.get("states")
    if states is not None:
        if not isinstance(states, h5py.Group):
            problems.append(f"{run.name}/states: not a group")
        else:
            # Complex arrays: float64 with a trailing (real, imag) dimension.
            for ds in datasets_under(states):
                if ds.dtype != np.float64 or ds.ndim < 1 or ds.shape[-1] != 2:
                    problems.append(f"{ds.name}: is {ds.dtype}{list(ds.shape)}, "
                                    "expected float64[..., 2] (real, imag)")
    return nt, n_obs


def check_runs(f, problems):
    runs = f.get("runs")
    if not isinstance(runs, h5py.Group):
        problems.append("/runs: missing (or not a group)")
        return []
    names = list(runs)
    if not names:
        problems.append("/runs: no runs")
    expected = {str(k) for k in range(len(names))}
    for name in sorted(set(names) - expected):
        problems.append(f"/runs/{name}: runs must be named 0..{len(names) - 1}")
    results = []
    for name in sorted(names, key=lambda s: (len(s), s)):
        if isinstance(runs[name], h5py.Group):
            results.append(check_run(runs[name], problems))
        else:
            problems.append(f"/runs/{name}: not a group")
    return results


def check_readable(f, problems):
    """Every dataset and every attribute in the file can be read in full."""
    def visit(name, obj):
        try:
            for key in obj.attrs:
                obj.attrs[key]
        except Exception as e:  # noqa: BLE001 - any failure is a problem to report
            problems.append(f"/{name}: an attribute cannot be read: {e}")
        if isinstance(obj, h5py.Dataset):
            try:
                obj[()]
            except Exception as e:  # noqa: BLE001
                problems.append(f"/{name}: cannot be read: {e}")
    try:
        for key in f.attrs:
            f.attrs[key]
    except Exception as e:  # noqa: BLE001
        problems.append(f"/: a root attribute cannot be read: {e}")
    f.visititems(visit)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a qtherm output file (HDF5)")
    parser.add_argument("--model", help="the model the file must come from")
    args = parser.parse_args()

    problems = []
    try:
        f = h5py.File(args.file, "r")
    except Exception as e:  # noqa: BLE001
        print(f"{args.file}: cannot open as HDF5: {e}")
        return 1
    runs, model = [], None
    with f:
        try:
            check_readable(f, problems)
            check_root(f, args.model, problems)
            runs = check_runs(f, problems)
            model = f.attrs.get("model")
        except Exception as e:  # noqa: BLE001 - a broken file must still give one line
            problems.append(f"the check itself failed: {type(e).__name__}: {e}")
    for p in problems:
        print(f"{args.file}: {p}")
    if problems:
        return 1
    nts = sorted({nt for nt, _ in runs})
    n_obs = sum(n for _, n in runs)
    print(f"{args.file}: OK: model {model}, {len(runs)} run(s), nt {'/'.join(map(str, nts))}, "
          f"{n_obs} observable dataset(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
