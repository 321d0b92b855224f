"""A qtherm output file read into plain Python and numpy: its root attributes and each
/runs/<k> (parameters, t, observables, scalars, states), all in memory, so the file is closed
when reading ends. The layout is the one src/qtherm/io/hdf5_writer.cpp writes (README, "Output")."""
from dataclasses import dataclass, field

import h5py
import numpy as np


@dataclass
class Quantity:
    values: np.ndarray  # float64: [nt] for an observable, [] for a scalar
    unit: str           # "1" when dimensionless, as `qtherm describe` prints it
    sign: str           # sign convention; "" when the quantity has none
    meaning: str


@dataclass
class Run:
    k: int                                          # /runs/<k>
    parameters: dict                                # attribute name -> value (float or str)
    t: np.ndarray
    observables: dict = field(default_factory=dict)  # name -> Quantity
    scalars: dict = field(default_factory=dict)      # name -> Quantity
    states: dict = field(default_factory=dict)       # name -> complex ndarray


@dataclass
class Study:
    path: str
    attrs: dict  # root attributes: provenance and the resolved configuration
    runs: list   # Run, by increasing k


def _plain(value):
    """An HDF5 attribute as a Python str, int or float (h5py gives bytes or numpy scalars)."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _quantity(dataset):
    a = dataset.attrs
    unit = _plain(a.get("unit", ""))
    return Quantity(np.asarray(dataset[()], dtype=np.float64), unit or "1", _plain(a.get("sign", "")),
                    _plain(a.get("meaning", "")))


def _run(k, group):
    run = Run(k, {name: _plain(v) for name, v in group.attrs.items()}, np.asarray(group["t"][()], dtype=np.float64))
    for kind in ("observables", "scalars"):
        if kind in group:
            getattr(run, kind).update((name, _quantity(d)) for name, d in group[kind].items())
    if "states" in group:
        for name, d in group["states"].items():
            a = np.asarray(d[()], dtype=np.float64)  # complex stored with a trailing (re, im) axis
            run.states[name] = a[..., 0] + 1j * a[..., 1]
    return run


def read(path):
    """The whole file as a Study. A file without /runs is not a qtherm output: ValueError."""
    with h5py.File(path, "r") as f:
        if "runs" not in f:
            raise ValueError(f"{path}: not a qtherm output file (no /runs)")
        attrs = {name: _plain(v) for name, v in f.attrs.items()}
        runs = [_run(int(k), f["runs"][k]) for k in sorted(f["runs"], key=int)]
    return Study(path, attrs, runs)
