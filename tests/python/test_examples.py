"""Every examples/*.ini, run short, loads with qtherm.load: provenance and configuration as
attributes, every observable and scalar of the file as a variable with its unit, sign and
meaning, the sweep as a grid when it is a complete cartesian one, and every value where the file
has it."""
import glob
import os
import re

import h5py
import numpy as np
import pytest

import qtherm
from helpers import SOURCE, cli_ok, h5_runs

EXAMPLES = sorted(glob.glob(os.path.join(SOURCE, "examples", "*.ini")))
PROVENANCE = ["qtherm_version", "git_revision", "model", "config", "mpi_ranks", "petsc_version", "slepc_version",
              "created_utc", "source"]


# Runs kept short: 5 output times, at most 4 values per swept parameter (the same keys, ranges,
# mode and skip_invalid, so the same shape of output), and the Fock route over a short time.
CAP = 4
EXTRA = {"seed002_fig2_oscillators": ["--time.t_final=0.5"]}


def thinned(parameters):
    """[sweep] parameters with each list cut to its first CAP values and each linspace/logspace
    to CAP points over the same range."""
    out = []
    for entry in filter(str.strip, parameters.split(";")):
        key, values = (x.strip() for x in entry.split(":", 1))
        m = re.fullmatch(r"(linspace|logspace)\((.*),(.*),(.*)\)", values)
        values = f"{m[1]}({m[2]},{m[3]}, {min(int(m[4]), CAP)})" if m else ",".join(values.split(",")[:CAP])
        out.append(f"{key} : {values}")
    return "; ".join(out)


def short_run_args(ini):
    name = os.path.basename(ini)[:-4]
    config = qtherm.ini.read(ini)
    # 5 output times; the Otto engine's grid is its strokes' (one interval per stroke).
    otto = config.get("model", {}).get("name") == "otto"
    args = ["--model.samples_per_stroke=1" if otto else "--time.samples=5"] + EXTRA.get(name, [])
    parameters = config.get("sweep", {}).get("parameters")
    return args + ([f"--sweep.parameters={thinned(parameters)}"] if parameters else [])


def file_attributes(path, k, kind, name):
    with h5py.File(path, "r") as f:
        return {a: (v.decode() if isinstance(v, bytes) else v) for a, v in f[f"runs/{k}/{kind}/{name}"].attrs.items()}


def test_every_example_is_found():
    names = [os.path.basename(e) for e in EXAMPLES]
    assert "cascaded_qubits_fig2.ini" in names and "seed002_fig45_plane.ini" in names


@pytest.mark.parametrize("ini", EXAMPLES, ids=lambda p: os.path.basename(p)[:-4])
def test_example_output_loads(qtherm_cmd, ini):
    cli_ok(qtherm_cmd, "run", ini, "--output.file=out.h5", *short_run_args(ini))
    ds = qtherm.load("out.h5")
    points = qtherm.load("out.h5", grid_sweeps=False)
    ref = h5_runs("out.h5")
    assert all(a in ds.attrs for a in PROVENANCE)
    with h5py.File("out.h5", "r") as f:
        assert ds.attrs["config"] == f.attrs["config"]

    # The shape: a grid for a cartesian sweep (or one of one parameter) without skip_invalid,
    # whose cells are the file's runs; points for any other sweep.
    sweep = qtherm.ini.parse(ds.attrs["config"]).get("sweep", {})
    names = qtherm.dataset.coordinate_names(ds, ds.attrs["config"])
    attr_names = [n for _, n in qtherm.dataset.swept(ds.attrs["config"])]  # the runs' attributes
    gridded = bool(names) and (sweep.get("mode", "cartesian") == "cartesian" or len(names) == 1) \
        and sweep.get("skip_invalid", "false") == "false"
    for name in names:
        assert (name in ds.dims) == gridded, f"{name}: expected {'a grid' if gridded else 'points'}"
    assert points.point.values.tolist() == sorted(ref)
    if gridded:
        order = np.argsort(ds.point.values.ravel())  # the grid's cells in the order of k
        for name, var in ds.data_vars.items():
            cells = var.values.reshape((-1,) + var.shape[len(names):])
            np.testing.assert_array_equal(cells[order], points[name].values, err_msg=name)

    # Every value of every run, and the first run's attributes.
    first = min(ref)
    for i, (k, (attrs, observables, scalars)) in enumerate(sorted(ref.items())):
        for name, attr in zip(names, attr_names):
            assert str(points[name].values[i]) == str(attrs[attr]) or float(points[name].values[i]) == float(attrs[attr])
        for kind, values in (("observables", observables), ("scalars", scalars)):
            for name, v in values.items():
                got = points[name].values[i]
                np.testing.assert_array_equal(got[:np.size(v)] if np.ndim(v) else got, v, err_msg=name)
                if k != first:
                    continue
                var, file_attrs = ds[name], file_attributes("out.h5", k, kind, name)
                assert var.attrs["unit"] == (file_attrs["unit"] or "1"), name
                assert var.attrs["sign"] == file_attrs["sign"] and var.attrs["meaning"] == file_attrs["meaning"], name
                assert var.attrs["meaning"], f"{name} has no meaning"
                assert var.dims[-1] in ("t", "sample") if kind == "observables" else "t" not in var.dims, name
