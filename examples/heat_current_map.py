#!/usr/bin/python3
"""Worked example of qtherm from Python: run a small sweep, load it, plot a heat-current map.

Two qubits in cascade (seed 002) start in the correlated state of Eq. (41), with initial
coherence Re rho23(0), and release their heat into a zero-temperature reservoir. We sweep the
coherence and the qubits' initial xi_S = tanh(beta_S omega / 2) on a cartesian grid and map the
correlated (cascade) heat flux J12 of Eq. (14), the part of the heat current that the
coherence controls and whose sign it can reverse: (a) over time and coherence at xi_S = 0.25,
(b) over the whole grid at gamma t = 1.

    /usr/bin/python3 examples/heat_current_map.py [OUTPUT_DIR]

writes OUTPUT_DIR/heat_current_map.h5 and .png (OUTPUT_DIR: the working directory) in a few
seconds on one core. `import qtherm` works after `bash scripts/main.sh` (README, "Python").
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")  # files only: no display needed
import matplotlib.pyplot as plt  # noqa: E402

import qtherm  # noqa: E402

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
h5 = os.path.join(out_dir, "heat_current_map.h5")
png = os.path.join(out_dir, "heat_current_map.png")

# The study as a dict of INI sections; qtherm.run writes the INI, runs qtherm and loads the file.
study = {
    "model": {"name": "cascaded_qubits", "xi": 1, "initial": "correlated"},
    "time": {"t_final": 6, "samples": 61, "progress_interval": 0},
    # |rho23| <= 1 - xi_S^2 (Eq. 42) holds on the whole grid: 0.5 <= 1 - 0.5^2.
    "sweep": {"parameters": "model.xi_s : 0, 0.25, 0.5; model.rho23 : linspace(-0.5, 0.5, 11)"},
    "output": {"overwrite": True},
}
ds = qtherm.run(study, output=h5, progress=lambda line: None)
print(ds)  # J12, J_total, ... over (xi_s, rho23, t), with units, sign and meaning in their attributes

J = ds["J12"]
print(f"\nJ12 [{J.attrs['unit']}]: {J.attrs['meaning']}; sign: {J.attrs['sign']}")
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
J.sel(xi_s=0.25).plot(ax=left, x="t", y="rho23", cmap="RdBu_r", center=0)  # labels from the attributes
left.set_title("(a) xi_S = 0.25")
J.sel(t=1.0, method="nearest").plot(ax=right, x="rho23", y="xi_s", cmap="RdBu_r", center=0)
right.set_title("(b) gamma t = 1")
fig.suptitle("cascaded qubits: correlated heat flux J12 into the reservoir", fontsize="medium")
fig.tight_layout()
fig.savefig(png, dpi=110)
print("wrote " + png)
