#!/usr/bin/python3
"""Memory estimate against measured peak (issue 19): three sizes per model and route.

For each case, `qtherm run` (one rank, no mpiexec) writes its estimate per rank into the output file
(root attribute memory_estimate_bytes = baseline + the model's terms); the measured figure is the
process's peak resident set (ru_maxrss of the child). The baseline (libraries, MPI, PETSc before the
run) is printed as well, so that the model's own share can be judged apart from it.

usage: /usr/bin/python3 bench/memory_estimates/run.py [BUILD_DIR] [--only SUBSTRING]
"""
import os
import resource
import subprocess
import sys
import tempfile
import time

import h5py

build = next((a for a in sys.argv[1:] if not a.startswith("--") and a != "--only"), "build")
only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
qtherm = os.path.abspath(os.path.join(build, "apps", "qtherm"))

quick = ["--time.t_final=0.05", "--time.samples=3", "--time.progress_interval=0"]
lind = lambda n, extra=(): ["--model.name=lindblad", "--model.dims=" + ",".join(["2"] * n),
                            "--model.hamiltonian=" + " + ".join(f"0.5*sz({k})" for k in range(n)) + " + 0.3*sx(0)*sx(1)",
                            "--model.jumps=1 : sm(0); 0.5 : sm(1)", "--model.initial_basis=" + ",".join(["1"] * n)] + quick + list(extra)

CASES = [
    # (model / route, size label, overrides)
    *[("lindblad (taylor, shell, no steady)", f"{n} qubits", lind(n, ["--steady.solve=false"])) for n in (9, 10, 11)],
    *[("lindblad (steady solve)", f"{n} qubits", lind(n)) for n in (5, 6, 7)],
    *[("cascaded_qubits", f"samples {s}", ["--model.name=cascaded_qubits", "--time.t_final=1", f"--time.samples={s}"])
      for s in (100000, 1000000, 3000000)],
    *[("collision_ness", f"{n} collisions", ["--model.name=collision_ness", "--model.beta=1", f"--time.collisions={n}",
                                             "--time.progress_interval=0"]) for n in (200000, 1000000, 3000000)],
    *[("collision_cascade (discrete)", f"{n} qubit parties", ["--model.name=collision_cascade", "--model.beta=1",
                                                              f"--model.parties={n}", "--model.dt=0.01", "--time.t_final=0.02",
                                                              "--time.samples=2"]) for n in (6, 7, 8)],
    *[("collision_indirect (discrete)", f"levels {l}", ["--model.name=collision_indirect", "--model.beta=1", "--model.mediator=oscillator",
                                                        f"--model.levels={l}", "--model.dt=0.01", "--time.t_final=0.02",
                                                        "--time.samples=2"]) for l in (100, 200, 300)],
    *[("cascaded_oscillators (fock, shell)", f"cutoff {n}", ["--model.name=cascaded_oscillators", "--model.route=fock",
                                                             "--model.initial=coherent", f"--model.cutoff={n}", "--time.t_final=0.01",
                                                             "--time.samples=2", "--time.progress_interval=0"]) for n in (30, 45, 60)],
    *[("cascaded_oscillators (fock, sector)", f"cutoff {n}", ["--model.name=cascaded_oscillators", "--model.route=fock",
                                                              "--model.initial=thermal", f"--model.cutoff={n}", "--time.t_final=0.01",
                                                              "--time.samples=2", "--time.progress_interval=0"]) for n in (80, 120, 160)],
    *[("spin_chain_erasure (dense)", f"N {n}", ["--model.name=spin_chain_erasure", f"--model.N={n}", "--model.route=dense",
                                                "--time.samples=3"]) for n in (8, 9, 10)],
    *[("spin_chain_erasure (exact, dense)", f"N {n}", ["--model.name=spin_chain_erasure", f"--model.N={n}", "--model.route=exact",
                                                       "--model.Delta=0.5", "--time.samples=3"]) for n in (8, 9, 10)],
    *[("spin_chain_erasure (free_fermion)", f"N {n}", ["--model.name=spin_chain_erasure", f"--model.N={n}",
                                                       "--model.route=free_fermion", "--time.samples=3"]) for n in (1000, 2000, 3000)],
    *[("spin_chain_erasure (typicality)", f"N {n}", ["--model.name=spin_chain_erasure", f"--model.N={n}", "--model.Delta=0.5",
                                                     "--model.route=typicality", "--model.samples=2", "--time.t_final=0.05",
                                                     "--time.samples=2", "--time.progress_interval=0"]) for n in (16, 18, 19)],
    *[("interacting_reservoirs (single_particle)", f"n1 = n2 = {n}", ["--model.name=interacting_reservoirs", f"--model.n1={n}",
                                                                      f"--model.n2={n}", "--model.minimal_dissipation=false",
                                                                      "--time.samples=3"]) for n in (500, 1000, 1500)],
    *[("interacting_reservoirs (many_body, krylov)", f"n1 = n2 = {n}", ["--model.name=interacting_reservoirs", "--model.route=many_body",
                                                                        f"--model.n1={n}", f"--model.n2={n}", f"--model.particles={n}",
                                                                        "--model.thermal=typicality", "--model.typical_samples=1",
                                                                        "--time.t_final=0.05", "--time.samples=2"])
      for n in (8, 9, 10)],
]


def measure(args):
    """Peak RSS of one qtherm run (bytes) and the estimate it stored; in a child of a fresh process."""
    with tempfile.TemporaryDirectory(prefix="qtherm-membench.") as d:
        out = os.path.join(d, "out.h5")
        code = (
            "import resource, subprocess, sys\n"
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
            "sys.stderr.write(r.stderr[-400:])\n")
        p = subprocess.run(["/usr/bin/python3", "-c", code, qtherm, "run", f"--output.file={out}", *args],
                           capture_output=True, text=True, cwd=d)
        status, peak = p.stdout.split()
        if int(status) != 0:
            return None, None, None, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {status}"
        with h5py.File(out, "r") as f:
            return float(f.attrs["memory_estimate_bytes"]), float(peak), None, ""


print(f"qtherm memory estimate vs measured peak RSS, 1 rank ({os.cpu_count()} cores, machine shared: loaded)")
print(f"{'model / route':44s} {'size':>16s} {'estimate':>10s} {'peak':>10s} {'est/peak':>9s}")
worst = 0.0
for model, size, args in CASES:
    if only and only not in model:
        continue
    est, peak, _, err = measure(args)
    if est is None:
        print(f"{model:44s} {size:>16s}   failed: {err}")
        continue
    ratio = est / peak
    worst = max(worst, abs(ratio - 1))
    print(f"{model:44s} {size:>16s} {est / 1e6:8.1f}MB {peak / 1e6:8.1f}MB {ratio:9.2f}")
print(f"largest deviation |estimate/peak - 1| = {worst:.2f}")

# Configurations far too large for this machine: `qtherm check` must refuse them (exit 2, one line
# naming the key) in under a second, before anything is allocated.
OVERSIZED = [
    ("lindblad", lind(16)),
    ("cascaded_qubits", ["--model.name=cascaded_qubits", "--time.samples=10000000000"]),
    ("collision_ness", ["--model.name=collision_ness", "--model.beta=1", "--time.collisions=10000000000"]),
    ("collision_cascade", ["--model.name=collision_cascade", "--model.beta=1", "--model.parties=14"]),
    ("collision_indirect", ["--model.name=collision_indirect", "--model.beta=1", "--model.mediator=oscillator", "--model.levels=3000"]),
    ("cascaded_oscillators", ["--model.name=cascaded_oscillators", "--model.route=fock", "--model.initial=coherent", "--model.cutoff=400"]),
    ("spin_chain_erasure", ["--model.name=spin_chain_erasure", "--model.N=40", "--model.Delta=0.5", "--model.route=typicality"]),
    ("interacting_reservoirs", ["--model.name=interacting_reservoirs", "--model.route=many_body", "--model.n1=30", "--model.n2=30",
                                "--model.particles=30", "--model.thermal=typicality"]),
]
if not only:
    print(f"\n{'oversized configuration':24s} {'check':>8s}  refusal")
    empty = tempfile.NamedTemporaryFile("w", suffix=".ini", prefix="qtherm-membench.")  # everything as overrides
    for model, args in OVERSIZED:
        t0 = time.perf_counter()
        p = subprocess.run([qtherm, "check", empty.name, *args], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        lines = p.stderr.strip().splitlines()
        verdict = "refused" if p.returncode == 2 and len(lines) == 1 else f"NOT refused (exit {p.returncode}, {len(lines)} lines)"
        print(f"{model:24s} {wall:7.2f}s  {verdict}: {(lines[0] if lines else '')[:110]}")
