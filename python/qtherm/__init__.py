"""qtherm from Python: output files as labelled arrays (xarray), studies launched and followed.

    import qtherm
    ds = qtherm.load("results/study.h5")            # an xarray.Dataset
    ds = qtherm.run({"model": {"name": "cascaded_qubits", "beta_s": 0.5}}, output="q.h5")
    qtherm.models(); qtherm.describe("cascaded_qubits")
    qtherm.checkpoint_status("q.h5.checkpoint")

Pure Python on Debian's numpy, h5py and xarray; run, describe and models call the qtherm
command ($QTHERM, else this checkout's build/apps/qtherm, else qtherm on PATH).
"""
from .checkpoint import CheckpointStatus, checkpoint_status
from .cli import QthermError, find_qtherm
from .catalog import describe, models
from .loader import load
from .launch import run

__all__ = ["load", "run", "describe", "models", "checkpoint_status", "CheckpointStatus", "QthermError", "find_qtherm"]
