"""Helpers of the Python tests: the qtherm command run directly, and files read with h5py
alone (the reference the loaded Datasets are compared with)."""
import os
import subprocess

import h5py

SOURCE = os.environ.get("QTHERM_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cli(qtherm_cmd, *args, cwd=None):
    """`qtherm ARGS...` as a CompletedProcess (text), whatever its exit status."""
    return subprocess.run([qtherm_cmd, *args], capture_output=True, text=True, cwd=cwd, stdin=subprocess.DEVNULL)


def cli_ok(qtherm_cmd, *args, cwd=None):
    r = cli(qtherm_cmd, *args, cwd=cwd)
    assert r.returncode == 0, f"qtherm {' '.join(args)}: exit {r.returncode}\n{r.stderr}"
    return r


def h5_runs(path):
    """{k: (attrs, {observable: values}, {scalar: value})} of a qtherm output file."""
    out = {}
    with h5py.File(path, "r") as f:
        for k, g in f["runs"].items():
            attrs = {a: (v.decode() if isinstance(v, bytes) else v) for a, v in g.attrs.items()}
            out[int(k)] = (attrs, {n: d[()] for n, d in g["observables"].items()},
                           {n: float(d[()]) for n, d in g["scalars"].items()})
    return out


# A small cartesian-capable study: collision_ness at 20 collisions runs in well under a second.
NESS = ["--model.name=collision_ness", "--model.beta=1", "--time.collisions=20", "--time.every=5"]
