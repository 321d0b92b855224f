"""Fixtures of the Python tests (run by ctest as python.<name>, with $QTHERM the built command
and python/ of this checkout on PYTHONPATH)."""
import os

import pytest


@pytest.fixture(scope="session")
def qtherm_cmd():
    cmd = os.environ.get("QTHERM")
    if not cmd or not os.access(cmd, os.X_OK):
        pytest.fail("$QTHERM must be the built qtherm command (ctest sets it)")
    return cmd


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    """Every test runs in its own empty directory: qtherm writes its files (and work
    directories) relative to the working directory."""
    monkeypatch.chdir(tmp_path)
