"""Reassembling a sweep: points that are every combination of the swept values they hold, once
each, become one dimension per swept parameter, with the swept values, in the order the
configuration lists them, as coordinates. Other points keep the `point` dimension;
`ds.set_index(point=[...]).unstack("point")` then gives a grid with NaN holes (with sorted
coordinates). Which sweeps are offered to to_grid is loader.py's decision."""
import numpy as np
import xarray as xr


def _axes(ds, names):
    """Each swept parameter's distinct values in first-seen order, and every point's position."""
    axes, positions = [], []
    for name in names:
        values = ds[name].values
        distinct = list(dict.fromkeys(values.tolist()))
        axes.append(np.array(distinct, dtype=values.dtype))
        positions.append(np.array([distinct.index(v) for v in values.tolist()]))
    return axes, positions


def _reshaped(var, order, shape, names):
    """`var` with its point axis replaced by the grid's axes (points taken in `order`)."""
    if "point" not in var.dims:
        return var
    rest = [d for d in var.dims if d != "point"]
    data = var.transpose("point", *rest).values[order]
    return xr.Variable(list(names) + rest, data.reshape(shape + data.shape[1:]), var.attrs)


def to_grid(ds, names):
    """`ds` (over `point`) as a grid over `names` when its points are every combination of the
    swept values exactly once; `ds` unchanged otherwise. A study without a sweep loses the point
    dimension (its one run keeps `point` as a scalar coordinate)."""
    if not names:
        return ds.isel(point=0) if ds.sizes["point"] == 1 else ds
    axes, positions = _axes(ds, names)
    shape = tuple(len(a) for a in axes)
    flat = np.ravel_multi_index(positions, shape)
    if int(np.prod(shape)) != ds.sizes["point"] or len(set(flat.tolist())) != len(flat):
        return ds
    order = np.argsort(flat)
    coords = {name: (name, axis, ds[name].attrs) for name, axis in zip(names, axes)}
    for name, var in ds.coords.items():
        if name not in names:
            coords[name] = _reshaped(var.variable, order, shape, names)
    data = {name: _reshaped(var.variable, order, shape, names) for name, var in ds.data_vars.items()}
    return xr.Dataset(data, coords=coords, attrs=ds.attrs)
