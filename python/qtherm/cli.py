"""Talking to the qtherm command: where it is, calling it, and its errors as exceptions."""
import os
import shutil
import subprocess

# python/qtherm/ -> the repository root, where scripts/main.sh builds build/apps/qtherm.
_SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class QthermError(RuntimeError):
    """qtherm ended with a non-zero exit status. str(error) is its one-line message
    ("qtherm: error: FILE: [section] key: reason"); `status` is the exit status (2 bad input,
    1 failure during the run, 3 stopped by a signal after checkpointing) and `stderr` all it
    wrote there."""

    def __init__(self, line, status, stderr=""):
        super().__init__(line)
        self.status = status
        self.stderr = stderr


def error_line(stderr, stdout=""):
    """The line that says why qtherm stopped: its last 'qtherm: error:' line (mpiexec may add
    lines of its own around it), else the last line on stderr, else on stdout (a run stopped by
    a signal says so there)."""
    lines = [x for x in stderr.splitlines() if x.strip()]
    errors = [x for x in lines if x.startswith("qtherm: error:")]
    if errors:
        return errors[-1]
    if lines:
        return lines[-1]
    out = [x for x in stdout.splitlines() if x.strip()]
    return out[-1] if out else ""


def find_qtherm():
    """The qtherm command: $QTHERM if set, else this checkout's build/apps/qtherm (what
    scripts/main.sh builds), else `qtherm` on PATH (an installed one)."""
    if os.environ.get("QTHERM"):
        return os.environ["QTHERM"]
    built = os.path.join(_SOURCE, "build", "apps", "qtherm")
    if os.access(built, os.X_OK):
        return built
    found = shutil.which("qtherm")
    if found:
        return found
    raise FileNotFoundError("no qtherm command: build it with `bash scripts/main.sh`, put it on PATH, or set $QTHERM")


def call(*args, qtherm=None):
    """stdout of `qtherm ARGS...`; QthermError if it fails."""
    cmd = [qtherm or find_qtherm(), *args]
    r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        line = error_line(r.stderr, r.stdout) or f"qtherm: {' '.join(args)}: exit status {r.returncode}"
        raise QthermError(line, r.returncode, r.stderr)
    return r.stdout
