"""qtherm.checkpoint_status: what a run's work directory holds ([checkpoint] dir, by default
<output.file>.checkpoint), as src/qtherm/study/run.cpp lays it out: study.h5 (the manifest),
point_<k>.h5 for each finished point, point_<k>.state.h5 for each point checkpointed mid-run.
Files still named *.partial are being written and count as nothing yet."""
import os
import re
from dataclasses import dataclass, field

import h5py
import numpy as np

from .records import _plain

_POINT = re.compile(r"point_(\d+)(\.state)?\.h5$")


@dataclass
class CheckpointStatus:
    directory: str
    points: int          # points of the whole study (a job-array task runs a slice of them)
    physics_hash: str    # a restart is accepted only with the same physics
    physics: str         # the physics part of the configuration, as INI text
    finished: list = field(default_factory=list)      # k of the finished points
    checkpointed: dict = field(default_factory=dict)  # k -> simulated time reached (None if unknown)

    def __str__(self):
        running = ", ".join(f"{k} (t = {t:g})" if t is not None else str(k) for k, t in sorted(self.checkpointed.items()))
        return (f"{self.directory}: {len(self.finished)} of {self.points} point(s) finished"
                + (f"; checkpointed: {running}" if running else "") + f"; continue with qtherm run {self.directory} --restart")


def _time_reached(path):
    """The simulated time of a checkpoint: the engine's progress attributes (time-stepping loops;
    src/qtherm/models/common/checkpoint.hpp), else the layouts of older versions."""
    with h5py.File(path, "r") as f:
        if f.attrs.get("progress_unit") in ("time", b"time"):
            return float(f.attrs["progress_done"])
        if "state/evolution_clock" in f:
            return float(f["state/evolution_clock"][0])
        if "evolution/clock" in f:
            return float(f["evolution/clock"][0])
        if "t" in f and f["t"].size:
            return float(np.asarray(f["t"][()])[-1])
    return None


def checkpoint_status(directory):
    """The state of the work directory `directory` of an interrupted (or running) study."""
    manifest = os.path.join(directory, "study.h5")
    if not os.path.exists(manifest):
        raise FileNotFoundError(f"{directory}: no qtherm work directory (no study.h5)")
    with h5py.File(manifest, "r") as f:
        status = CheckpointStatus(directory, int(_plain(f.attrs["points"])), _plain(f.attrs["physics_hash"]),
                                  _plain(f.attrs["physics"]))
    for name in sorted(os.listdir(directory)):
        m = _POINT.match(name)
        if not m:
            continue
        k = int(m.group(1))
        if m.group(2):
            status.checkpointed[k] = _time_reached(os.path.join(directory, name))
        else:
            status.finished.append(k)
    status.finished.sort()
    return status
