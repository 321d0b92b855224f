"""qtherm.load: an output file as an xarray.Dataset."""
import os

from . import dataset, grid, ini, records


def load(path, grid_sweeps=True, variables=None):
    """The qtherm output file `path` as an xarray.Dataset, read completely into memory.

    - every observable is a variable over (swept parameters..., t), every scalar over the swept
      parameters, states (when written) complex over (..., t, <name>_1, <name>_2);
    - each carries the attributes unit (and its CF twin units), sign and meaning from the file;
    - the dataset's attributes are the file's provenance (qtherm_version, git_revision, model,
      mpi_ranks, petsc_version, slepc_version, created_utc, physics_hash), `config` (the resolved
      configuration as INI text; qtherm.ini.parse gives a dict) and `source` (this file);
    - a cartesian sweep (or a sweep of one parameter) is a grid when its points are every
      combination of the swept values they hold, once each: one dimension per swept parameter,
      its coordinate the swept values in the configuration's order. Otherwise (a zip sweep of
      several parameters, any sweep with [sweep] skip_invalid = true, whether or not it left
      points out, most slices of a job array), and always with grid_sweeps=False, a `point`
      dimension with each swept parameter as a coordinate along it. The coordinate `point` is k
      of /runs/<k>;
    - a swept [model] key is named as the key alone (beta), any other as section.key, and so is a
      [model] key whose name a scalar of the model also has (cascaded_qubits' xi: model.xi);
    - variables: the names of the observables, scalars and states to read (default: all), for
      large sweeps of which only a few quantities are wanted.
    """
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file")
    study = records.read(path, variables)
    ds = dataset.point_dataset(study)
    ds.attrs["source"] = os.path.abspath(path)
    config = study.attrs.get("config", "")
    names = dataset.coordinate_names(ds, config)
    sweep = ini.parse(config).get("sweep", {})
    # Decided by the configuration, so that the shape does not depend on which points the model
    # happened to refuse.
    irregular = (len(names) > 1 and sweep.get("mode", "cartesian") == "zip") or ini.boolean(sweep.get("skip_invalid", "false"))
    return grid.to_grid(ds, names) if grid_sweeps and not irregular else ds
