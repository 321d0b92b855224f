"""examples/heat_current_map.py, the README's worked example, runs as documented: it writes its
study and a PNG, and its map has the sweep's grid."""
import os
import subprocess
import sys

import qtherm
from helpers import SOURCE


def test_worked_example(tmp_path):
    script = os.path.join(SOURCE, "examples", "heat_current_map.py")
    r = subprocess.run([sys.executable, script, str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "wrote " in r.stdout and r.stderr == ""
    with open(tmp_path / "heat_current_map.png", "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    ds = qtherm.load(str(tmp_path / "heat_current_map.h5"))
    assert ds.J12.dims == ("xi_s", "rho23", "t") and ds.J12.shape[:2] == (3, 11)
