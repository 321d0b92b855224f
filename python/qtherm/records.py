"""A qtherm output file read into plain Python and numpy: its root attributes and each
/runs/<k> (parameters, t, observables, scalars, states), all in memory, so the file is closed
when reading ends. The layout is the one src/qtherm/io/hdf5_writer.cpp writes (README, "Output")."""
from dataclasses import dataclass, field

import h5py
import numpy as np


@dataclass
class Meaning:
    unit: str     # "1" when dimensionless, as `qtherm describe` prints it
    sign: str     # sign convention; "" when the quantity has none
    meaning: str


@dataclass
class Run:
    k: int                                          # /runs/<k>
    parameters: dict                                # attribute name -> value (float or str)
    t: np.ndarray
    observables: dict = field(default_factory=dict)  # name -> float64 [nt]
    scalars: dict = field(default_factory=dict)      # name -> float64 []
    states: dict = field(default_factory=dict)       # name -> complex ndarray


@dataclass
class Study:
    path: str
    attrs: dict  # root attributes: provenance and the resolved configuration
    runs: list   # Run, by increasing k
    # ("observables" | "scalars", name) -> Meaning, from the first run that has the quantity:
    # every run of a study writes the same declarations, and reading the attributes of every
    # run would triple the time of loading a large sweep.
    meanings: dict = field(default_factory=dict)


def _plain(value):
    """An HDF5 attribute as a Python str, int or float (h5py gives bytes or numpy scalars)."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _meaning(dataset):
    a = dataset.attrs
    return Meaning(_plain(a.get("unit", "")) or "1", _plain(a.get("sign", "")), _plain(a.get("meaning", "")))


def _names(group, kind, wanted):
    names = list(group[kind]) if kind in group else []
    return names if wanted is None else [n for n in names if n in wanted]


def _run(k, group, meanings, wanted):
    run = Run(k, {name: _plain(v) for name, v in group.attrs.items()}, np.asarray(group["t"][()], dtype=np.float64))
    for kind in ("observables", "scalars"):
        for name in _names(group, kind, wanted):  # by name: opening a dataset is what costs
            d = group[kind][name]
            getattr(run, kind)[name] = np.asarray(d[()], dtype=np.float64)
            if (kind, name) not in meanings:
                meanings[(kind, name)] = _meaning(d)
    for name in _names(group, "states", wanted):
        a = np.asarray(group["states"][name][()], dtype=np.float64)  # complex stored with a trailing (re, im) axis
        run.states[name] = a[..., 0] + 1j * a[..., 1]
    return run


def read(path, wanted=None):
    """The file as a Study: every observable, scalar and state, or only those named in `wanted`
    (each HDF5 dataset costs a fraction of a millisecond to open: a sweep of a thousand points
    reads much faster when a plot needs two of its twenty quantities). A file without /runs is
    not a qtherm output: ValueError."""
    wanted = None if wanted is None else set(wanted)
    with h5py.File(path, "r") as f:
        if "runs" not in f:
            raise ValueError(f"{path}: not a qtherm output file (no /runs)")
        study = Study(path, {name: _plain(v) for name, v in f.attrs.items()}, [])
        study.runs = [_run(int(k), f["runs"][k], study.meanings, wanted) for k in sorted(f["runs"], key=int)]
    return study
