"""A study's runs as one xarray.Dataset over a `point` dimension (point k = /runs/<k>): every
observable over (point, t), every scalar over (point), the swept parameters as coordinates along
`point`, units, signs and meanings as attributes. grid.py then reshapes cartesian sweeps."""
import numpy as np
import xarray as xr

from . import ini


def swept(config_text):
    """[(section.key, name)] of the swept keys, in [sweep] order (the last varies fastest in a
    cartesian sweep). `name` is the runs' attribute: the key alone for [model] keys, which every
    run stores, and section.key for other sections (src/qtherm/study/run.cpp, model_parameters)."""
    text = ini.parse(config_text).get("sweep", {}).get("parameters", "")
    out = []
    for entry in text.split(";"):
        key = entry.split(":", 1)[0].strip()
        if key:
            section, _, name = key.rpartition(".")
            out.append((key, name if section == "model" else key))
    return out


def _coordinate(values):
    """Numbers as float64 (a run stores non-[model] swept values as text); other text as str."""
    try:
        return np.array([float(v) for v in values])
    except (TypeError, ValueError):
        return np.array([str(v) for v in values])


def _stack(arrays, dtype=np.float64):
    """[point, ...] from per-point arrays, padded with NaN where one is shorter or missing (None):
    runs of a sweep over t_final have different numbers of output times."""
    present = [a for a in arrays if a is not None]
    shape = tuple(max(s) for s in zip(*(a.shape for a in present))) if present else ()
    out = np.full((len(arrays),) + shape, np.nan, dtype=dtype)
    for i, a in enumerate(arrays):
        if a is not None:
            out[(i,) + tuple(slice(0, n) for n in a.shape)] = a
    return out


def _attributes(m):
    # "unit" as the file and `qtherm describe` name it; "units" too, the CF name xarray's
    # plotting puts on axis labels.
    return {"unit": m.unit, "units": m.unit, "sign": m.sign, "meaning": m.meaning}


def _quantities(study, kind, dims):
    """{name: (dims, values, attrs)} of the observables or scalars; names in first-seen order."""
    runs = study.runs
    names = dict.fromkeys(name for r in runs for name in getattr(r, kind))
    return {name: (dims, _stack([getattr(r, kind).get(name) for r in runs]), _attributes(study.meanings[(kind, name)]))
            for name in names}


def _states(runs, time_dim, nt):
    out = {}
    for name in dict.fromkeys(n for r in runs for n in r.states):
        data = _stack([r.states.get(name) for r in runs], np.complex128)
        over_time = data.ndim > 1 and data.shape[1] == nt  # e.g. rho: [point, t, d, d]
        rest = [f"{name}_{i}" for i in range(1, data.ndim - over_time)]
        dims = ["point"] + ([time_dim] if over_time else []) + rest
        out[name] = (dims, data, {"meaning": f"/runs/<k>/states/{name} (complex)"})
    return out


def point_dataset(study):
    """The study (records.Study) as a Dataset over `point`. When every run has the same output
    times they are the coordinate t; otherwise the time axis is `sample`, with t over
    (point, sample), NaN past a run's last time."""
    runs = study.runs
    shared_t = all(np.array_equal(r.t, runs[0].t) for r in runs)
    time_dim = "t" if shared_t else "sample"
    coords = {"point": ("point", np.array([r.k for r in runs]), {"meaning": "k of /runs/<k>"})}
    if shared_t:
        coords["t"] = ("t", runs[0].t, {"unit": "time", "units": "time", "meaning": "output time"})
    else:
        coords["t"] = (("point", "sample"), _stack([r.t for r in runs]), {"unit": "time", "units": "time"})
    variables = {}
    nt = len(runs[0].t) if shared_t else max(len(r.t) for r in runs)
    for part in (_quantities(study, "observables", ["point", time_dim]), _quantities(study, "scalars", ["point"]),
                 _states(runs, time_dim, nt)):
        for name, v in part.items():
            if name in variables or name in coords:
                raise ValueError(f"{study.path}: '{name}' is both an observable and a scalar (or a state); "
                                 "read this file with h5py")
            variables[name] = v
    for key, name in swept(study.attrs.get("config", "")):
        missing = [r.k for r in runs if name not in r.parameters]
        if missing:
            raise ValueError(f"{study.path}: run {missing[0]} lacks the swept parameter '{name}'")
        # A model may also write its parameter as a scalar (cascaded_qubits' xi): the coordinate
        # then takes the full key.
        coords[key if name in variables else name] = ("point", _coordinate([r.parameters[name] for r in runs]), {"key": key})
    return xr.Dataset(variables, coords=coords, attrs=dict(study.attrs))


def coordinate_names(ds, config_text):
    """The coordinates of the swept keys of `ds` (point_dataset), in [sweep] order."""
    return [name if name in ds.coords and ds[name].attrs.get("key") == key else key for key, name in swept(config_text)]
