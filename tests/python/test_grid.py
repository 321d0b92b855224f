"""Grid reassembly by qtherm.load: a cartesian sweep becomes a grid with the swept values as
coordinates (in the configuration's order), a zip sweep and a sweep with skipped points keep a
`point` dimension, a single run has none, and runs with different output times share `sample`."""
import numpy as np

import qtherm
from helpers import NESS, cli_ok, h5_runs


def test_cartesian_sweep_is_a_grid(qtherm_cmd):
    cli_ok(qtherm_cmd, "run", *NESS, "--sweep.parameters=model.alpha : 0, 0.5, 1; model.gamma : 0.5, -0.5",
           "--output.file=grid.h5")
    ds = qtherm.load("grid.h5")
    ref = h5_runs("grid.h5")
    assert (ds.sizes["alpha"], ds.sizes["gamma"]) == (3, 2)
    assert ds.alpha.values.tolist() == [0, 0.5, 1]
    assert ds.gamma.values.tolist() == [0.5, -0.5]  # the configuration's order, not sorted
    assert ds.alpha.attrs["key"] == "model.alpha"
    assert ds.point.values.tolist() == [[0, 1], [2, 3], [4, 5]]  # the last parameter fastest
    assert ds.heat_current.dims == ("alpha", "gamma", "t")
    assert ds.steady_ergotropy.dims == ("alpha", "gamma")
    for k, (attrs, observables, scalars) in ref.items():
        at = ds.sel(alpha=attrs["alpha"], gamma=attrs["gamma"])
        assert int(at.point) == k
        np.testing.assert_array_equal(at.heat_current.values, observables["heat_current"])
        assert float(at.steady_ergotropy) == scalars["steady_ergotropy"]


def test_zip_sweep_keeps_points(qtherm_cmd):
    cli_ok(qtherm_cmd, "run", *NESS, "--sweep.mode=zip", "--sweep.parameters=model.alpha : 0, 0.5, 1; model.gamma : linspace(-1, 1, 3)",
           "--output.file=zip.h5")
    ds = qtherm.load("zip.h5")
    assert ds.heat_current.dims == ("point", "t")
    assert ds.point.values.tolist() == [0, 1, 2]
    assert ds.alpha.dims == ("point",) and ds.alpha.values.tolist() == [0, 0.5, 1]
    assert ds.gamma.values.tolist() == [-1, 0, 1]
    ref = h5_runs("zip.h5")
    for k in ref:
        assert float(ds.steady_ergotropy.sel(point=k)) == ref[k][2]["steady_ergotropy"]


def test_skipped_points_keep_points(qtherm_cmd):
    # Gaussian states (31) at N_s = 1: four corners of this grid are unphysical and left out.
    skip = ["--model.name=cascaded_oscillators", "--model.route=gaussian", "--model.N_s=1", "--model.initial=correlated",
            "--time.t_final=1", "--time.samples=3", "--sweep.skip_invalid=true"]
    cli_ok(qtherm_cmd, "run", *skip, "--sweep.parameters=model.c13 : -1.2, 0, 1.2; model.c24 : -1.2, 0, 1.2",
           "--output.file=skip.h5")
    ref = h5_runs("skip.h5")
    assert 0 < len(ref) < 9, "the grid was meant to have unphysical points"
    ds = qtherm.load("skip.h5")
    assert ds.J_total.dims == ("point", "t") and ds.sizes["point"] == len(ref)
    assert sorted(zip(ds.c13.values.tolist(), ds.c24.values.tolist())) == \
        sorted((a["c13"], a["c24"]) for a, _, _ in ref.values())
    holes = ds.set_index(point=["c13", "c24"]).unstack("point")  # the recipe the docstring gives
    assert holes.J_total.shape[:2] == (3, 3) and int(holes.J_total.isel(t=-1).isnull().sum()) == 9 - len(ref)

    # Points, not a grid, also where the valid points happen to be a whole grid: the shape follows
    # the configuration.
    cli_ok(qtherm_cmd, "run", *skip, "--sweep.parameters=model.c13 : -0.5, 0.5; model.c24 : -0.5, 0.5",
           "--output.file=whole.h5")
    assert len(h5_runs("whole.h5")) == 4 and qtherm.load("whole.h5").J_total.dims == ("point", "t")


def test_single_run_has_no_point_dimension(qtherm_cmd):
    cli_ok(qtherm_cmd, "run", "--time.t_final=1", "--time.samples=5", "--output.file=one.h5")
    ds = qtherm.load("one.h5")
    assert ds.J12.dims == ("t",) and ds.t.values.tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert int(ds.point) == 0


def test_grid_sweeps_false_keeps_points(qtherm_cmd):
    cli_ok(qtherm_cmd, "run", *NESS, "--sweep.parameters=model.alpha : 0, 1; model.gamma : 0, 1", "--output.file=g.h5")
    ds = qtherm.load("g.h5", grid_sweeps=False)
    assert ds.heat_current.dims == ("point", "t") and ds.point.values.tolist() == [0, 1, 2, 3]


def test_swept_key_that_is_also_a_scalar(qtherm_cmd):
    # cascaded_qubits writes the reservoir's xi as a scalar too: the coordinate takes the full key.
    cli_ok(qtherm_cmd, "run", "--time.t_final=1", "--time.samples=3", "--sweep.parameters=model.xi : 0.5, 1",
           "--output.file=xi.h5")
    ds = qtherm.load("xi.h5")
    assert ds.J12.dims == ("model.xi", "t") and ds["model.xi"].values.tolist() == [0.5, 1]
    assert ds.xi.dims == ("model.xi",) and ds.xi.values.tolist() == [0.5, 1]


def test_different_output_times_share_a_sample_axis(qtherm_cmd):
    cli_ok(qtherm_cmd, "run", "--time.samples=3", "--sweep.parameters=time.t_final : 1, 2", "--output.file=tf.h5")
    ds = qtherm.load("tf.h5")
    assert ds["time.t_final"].values.tolist() == [1, 2]  # a non-[model] key: section.key, as a number
    assert ds.J12.dims == ("time.t_final", "sample")
    assert ds.t.values.tolist() == [[0, 0.5, 1], [0, 1, 2]]
