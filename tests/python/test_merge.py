"""Job-array outputs: each slice of a cartesian sweep loads as the points it holds, and the file
`qtherm merge` makes of the slices loads as the same grid as the whole sweep run at once."""
import numpy as np

import qtherm
from helpers import NESS, cli_ok

SWEEP = "--sweep.parameters=model.alpha : 0, 0.5, 1; model.gamma : -0.5, 0.5"


def test_slices_and_their_merge(qtherm_cmd):
    cli_ok(qtherm_cmd, "run", *NESS, SWEEP, "--output.file=whole.h5")
    for i in range(2):
        cli_ok(qtherm_cmd, "run", *NESS, SWEEP, f"--sweep.slice={i}/2", f"--output.file=part_{i}.h5")
    part = qtherm.load("part_1.h5")
    assert part.heat_current.dims == ("point", "t") and part.point.values.tolist() == [3, 4, 5]
    assert part.alpha.values.tolist() == [0.5, 1, 1] and part.gamma.values.tolist() == [0.5, -0.5, 0.5]

    cli_ok(qtherm_cmd, "merge", "merged.h5", "part_0.h5", "part_1.h5")
    merged, whole = qtherm.load("merged.h5"), qtherm.load("whole.h5")
    assert merged.heat_current.dims == ("alpha", "gamma", "t")
    for name in whole.data_vars:
        np.testing.assert_array_equal(merged[name].values, whole[name].values, err_msg=name)
    np.testing.assert_array_equal(merged.point.values, whole.point.values)
    assert merged.attrs["physics_hash"] == whole.attrs["physics_hash"]
