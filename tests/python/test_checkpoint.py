"""qtherm.checkpoint_status on real work directories: a run stopped by SIGTERM after a
checkpoint, then continued with qtherm.run(restart=True); a finished sweep kept with
[checkpoint] keep; and a directory that is no work directory."""
import os
import signal
import subprocess
import time

import pytest

import qtherm
from helpers import NESS, SOURCE, cli_ok

LONG = os.path.join(SOURCE, "tests", "cli", "three_party.ini")  # a few seconds, checkpoints every t = 1


def wait_for(path, process, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end and process.poll() is None:
        if os.path.exists(path):
            return True
        time.sleep(0.05)
    return os.path.exists(path)


def test_interrupted_run_then_restart(qtherm_cmd):
    p = subprocess.Popen([qtherm_cmd, "run", LONG, "--output.file=long.h5"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        assert wait_for("long.h5.checkpoint/point_0.state.h5", p), "no checkpoint appeared"
        p.send_signal(signal.SIGTERM)
        assert p.wait(60) == 3
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    status = qtherm.checkpoint_status("long.h5.checkpoint")
    assert status.points == 1 and status.finished == [] and list(status.checkpointed) == [0]
    assert 0 < status.checkpointed[0] < 40  # the simulated time reached, of t_final = 40
    assert "dims = 10, 2, 10" in status.physics and len(status.physics_hash) > 0
    assert "0 of 1 point(s) finished; checkpointed: 0 (t = " in str(status)

    ds = qtherm.run(LONG, output="long.h5", restart=True, progress=False)
    assert len(ds.t) == 81 and not os.path.exists("long.h5.checkpoint")


def test_kept_work_directory_of_a_finished_sweep(qtherm_cmd):
    cli_ok(qtherm_cmd, "run", *NESS, "--sweep.parameters=model.alpha : 0, 1, 2", "--checkpoint.keep=true",
           "--output.file=s.h5")
    status = qtherm.checkpoint_status("s.h5.checkpoint")
    assert status.points == 3 and status.finished == [0, 1, 2] and status.checkpointed == {}


def test_not_a_work_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="no qtherm work directory"):
        qtherm.checkpoint_status(str(tmp_path))
