"""qtherm.run: a study launched from Python, its output lines streamed, its file loaded."""
import os
import subprocess
import sys
import tempfile
import threading

from . import cli, ini
from .loader import load


def _override_args(overrides):
    if not overrides:
        return []
    if isinstance(overrides, dict):
        return [f"--{key}={ini.value_text(value)}" for key, value in overrides.items()]
    return [o if o.startswith("--") else "--" + o for o in overrides]


def _output_file(config, path, overrides):
    """Where qtherm will write: the last --output.file override, else [output] file of the
    configuration, else qtherm's default."""
    for arg in reversed(overrides):
        if arg.startswith("--output.file="):
            return arg.split("=", 1)[1]
    if config is None and path is not None:
        config = ini.read(path)
    return (config or {}).get("output", {}).get("file", "qtherm.h5")


def _forward(stream, sink, lines):
    for line in stream:
        lines.append(line)
        if sink:
            sink(line.rstrip("\n"))


def _sinks(progress):
    if progress is True:
        return (lambda s: print(s, flush=True)), (lambda s: print(s, file=sys.stderr, flush=True))
    if callable(progress):
        return progress, progress
    return None, None


def run(config=None, ranks=1, overrides=None, petsc=(), output=None, restart=False, progress=True, qtherm=None,
        mpiexec=None):
    """Runs a study with the qtherm command and returns its output file loaded (qtherm.load).

    config     None (the built-in default study), a dict {section: {key: value}} (written to a
               temporary INI file; lists become comma-separated values), or the path of an INI file
    ranks      MPI ranks; more than one launches `mpiexec -n ranks` ($MPIEXEC, or `mpiexec`)
    overrides  {"section.key": value} or ["section.key=value", ...]: `--section.key=value`
    petsc      PETSc/SLEPc options, e.g. ["-ts_type", "rk"] (given after `--`)
    output     the output file (--output.file); by default the configuration's [output] file,
               which is qtherm.h5 in the working directory unless set
    restart    continue an interrupted run from its checkpoints (--restart)
    progress   True: qtherm's lines (resolved configuration, progress, summary) are printed as
               they come; False: silent; a function: called with each line
    On failure raises qtherm.QthermError whose message is qtherm's one line, e.g.
    "qtherm: error: study.ini: [model] beta: must be > 0 (got -1)"; its `status` is the exit
    status (2 bad input, 1 failure during the run, 3 stopped by a signal after checkpointing).
    """
    args = _override_args(overrides)
    if output is not None:
        args.append(f"--output.file={os.fspath(output)}")
    if restart:
        args.append("--restart")
    with tempfile.TemporaryDirectory(prefix="qtherm-run-") as tmp:
        path = None
        if isinstance(config, dict):
            path = os.path.join(tmp, "study.ini")
            with open(path, "w", encoding="utf-8") as f:
                f.write(ini.compose(config))
        elif config is not None:
            path = os.fspath(config)
        out_file = _output_file(config if isinstance(config, dict) else None, path, args)
        cmd = [qtherm or cli.find_qtherm(), "run"] + ([path] if path else []) + args
        if petsc:
            cmd += ["--", *petsc]
        env = None
        if ranks > 1:
            cmd = [mpiexec or os.environ.get("MPIEXEC", "mpiexec"), "-n", str(ranks)] + cmd
            if os.geteuid() == 0:
                # OpenMPI refuses to start as root without both; as scripts/main.sh, set them for
                # this launch only, never in qtherm itself.
                env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        out_sink, err_sink = _sinks(progress)
        out_lines, err_lines = [], []
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              bufsize=1, env=env) as p:
            # stderr on its own thread: a pipe left unread can fill and stall qtherm.
            errors = threading.Thread(target=_forward, args=(p.stderr, err_sink, err_lines))
            errors.start()
            _forward(p.stdout, out_sink, out_lines)
            errors.join()
            status = p.wait()
    if status != 0:
        stderr = "".join(err_lines)
        line = cli.error_line(stderr, "".join(out_lines)) or f"qtherm run: exit status {status}"
        raise cli.QthermError(line, status, stderr)
    return load(out_file)
