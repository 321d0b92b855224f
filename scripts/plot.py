#!/usr/bin/python3
"""Plots of qtherm HDF5 output (matplotlib and python/qtherm, on Debian's packages; run with /usr/bin/python3).

  plot.py series FILE.h5 OBS[,OBS...] [--runs K,K] [--out PNG] [--title T] [--logy]
      observables over time, one curve per run and observable (runs labelled by their sweep values)
  plot.py sweep FILE.h5 SCALAR[,SCALAR...] --x PARAM [--group PARAM] [--out PNG]
      scalars of a sweep against one parameter, one curve per value of --group
  plot.py map FILE.h5 SCALAR --x PARAM --y PARAM [--out PNG]
      a scalar over a two-parameter sweep, as a colour map
  plot.py figure NAME [--data DIR] [--out DIR] [--qtherm PATH] [--rerun]
      one of the papers' figures (plot.py figures lists them): runs its example configuration with
      qtherm when DIR/NAME.h5 is missing (or --rerun), then draws DIR/NAME.png (default DIR: gallery/)
  plot.py figures
      the registered figures, one line each: name, example, what it shows
"""
import argparse
import os
import subprocess
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
# This checkout's package first, whatever else is installed: the script and the package change together.
sys.path.insert(0, os.path.join(SOURCE, "python"))
import qtherm  # noqa: E402


def die(msg):
    print("plot.py: error: " + msg, file=sys.stderr)
    sys.exit(2)


class Study:
    """A qtherm output file (qtherm.load, one entry per run along `point`): its runs, their
    sweep parameters, observables and scalars."""

    def __init__(self, path, names):
        """`names`: the observables and scalars to read (NAME@t0 and NAME@tend read NAME)."""
        if not os.path.exists(path):
            die(path + ": no such file")
        try:
            self.ds = qtherm.load(path, grid_sweeps=False, variables={n.split("@")[0] for n in names})
        except OSError as e:
            die(path + ": not an HDF5 file (" + str(e) + ")")
        except ValueError as e:
            die(str(e))
        self.path = path
        self.runs = [str(k) for k in self.ds.point.values.tolist()]
        self.index = {run: i for i, run in enumerate(self.runs)}
        config = self.ds.attrs.get("config", "")
        self.swept = [name for _, name in qtherm.dataset.swept(config)]  # the names runs give them
        self.coordinate = dict(zip(self.swept, qtherm.dataset.coordinate_names(self.ds, config)))

    def resolve(self, name):
        """A swept parameter as the sweep writes it (section.key) or as the runs name it: model keys
        are bare ("beta" for model.beta), other sections keep theirs ("time.atol")."""
        if name in self.swept:
            return name
        if name.startswith("model.") and name[len("model."):] in self.swept:
            return name[len("model."):]
        return name

    def param(self, run, name):
        name = self.resolve(name)
        if name not in self.swept:
            die(f"{self.path}: '{name}' is not a swept parameter (swept: {', '.join(self.swept) or 'none'})")
        return self.ds[self.coordinate[name]].values[self.index[run]]

    def label(self, run):
        if not self.swept:
            return ""
        return ", ".join(f"{n} = {fmt(self.param(run, n))}" for n in self.swept)

    def t(self, run):
        t = self.ds.t.values
        return t if t.ndim == 1 else t[self.index[run]][np.isfinite(t[self.index[run]])]  # runs of different lengths

    def available(self, kind):
        """The observables (kind 2: over point and t) or scalars (kind 1) of the file, all read
        again (errors only)."""
        ds = qtherm.load(self.path, grid_sweeps=False)
        return ", ".join(sorted(n for n, v in ds.data_vars.items() if v.ndim == kind and not np.iscomplexobj(v)))

    def observable(self, run, name):
        var = self.ds.get(name)
        if var is None or "point" not in var.dims or var.ndim != 2:
            die(f"{self.path}: run {run} has no observable '{name}' (observables: {self.available(2)})")
        return var.values[self.index[run]][: len(self.t(run))], var.attrs["unit"]

    def scalar(self, run, name):
        if name.endswith("@t0"):  # an observable's value at the first output time
            return float(self.observable(run, name[:-3])[0][0])
        if name.endswith("@tend"):  # ... and at the last
            return float(self.observable(run, name[:-5])[0][-1])
        var = self.ds.get(name)
        if var is None or var.dims != ("point",):
            die(f"{self.path}: run {run} has no scalar '{name}' (scalars: {self.available(1)})")
        return float(var.values[self.index[run]])


def fmt(v):
    if isinstance(v, (float, np.floating)):
        return f"{v:.4g}"
    return str(v)


def pick_runs(study, spec):
    if not spec:
        return study.runs
    runs = [r.strip() for r in spec.split(",")]
    for r in runs:
        if r not in study.runs:
            die(f"{study.path}: no run {r} (runs 0..{len(study.runs) - 1})")
    return runs


def draw_series(ax, study, names, runs=None, styles=("-", "--", ":", "-.")):
    units = set()
    for i, name in enumerate(names):
        for run in pick_runs(study, runs):
            y, unit = study.observable(run, name)
            units.add(unit)
            lab = " ".join(x for x in (name if len(names) > 1 else "", study.label(run)) if x)
            ax.plot(study.t(run), y, styles[i % len(styles)], label=lab or None)
    ax.set_xlabel("t")
    unit = ", ".join(sorted(u for u in units if u))
    ax.set_ylabel((names[0] if len(names) == 1 else "") + (f" [{unit}]" if unit else ""))
    if len(ax.get_legend_handles_labels()[0]) > 1:
        ax.legend(fontsize="small")


def draw_sweep(ax, study, names, x, group=None):
    groups = {}
    for run in study.runs:
        key = study.param(run, group) if group else None
        groups.setdefault(key, []).append(run)
    for key, runs in groups.items():
        xs = np.array([float(study.param(r, x)) for r in runs])
        order = np.argsort(xs)
        for name in names:
            ys = np.array([study.scalar(r, name) for r in runs])
            lab = " ".join(s for s in ((name if len(names) > 1 else ""), (f"{group} = {fmt(key)}" if group else "")) if s)
            ax.plot(xs[order], ys[order], "-o", ms=3, label=lab or None)
    ax.set_xlabel(x)
    ax.set_ylabel(names[0] if len(names) == 1 else "")
    if len(ax.get_legend_handles_labels()[0]) > 1:
        ax.legend(fontsize="small")


def draw_parametric(ax, study, names, x, marks=()):
    """Scalars against another scalar, one point per run in the sweep's order (e.g. power against
    efficiency); `marks` are scalars drawn as vertical lines at their first run's value."""
    xs = [study.scalar(r, x) for r in study.runs]
    for name in names:
        ax.plot(xs, [study.scalar(r, name) for r in study.runs], "-o", ms=3, label=name if len(names) > 1 else None)
    for i, m in enumerate(marks):
        ax.axvline(study.scalar(study.runs[0], m), ls=("--", ":", "-.")[i % 3], color="grey", label=m)
    ax.set_xlabel(x)
    ax.set_ylabel(names[0] if len(names) == 1 else "")
    if len(ax.get_legend_handles_labels()[0]) > 1:
        ax.legend(fontsize="small")


def draw_scatter_sum(ax, study, names, x1, x2):
    """Values against x1 + x2, one point per run (e.g. every state with the same C13 + C24)."""
    for name in names:
        xs = [float(study.param(r, x1)) + float(study.param(r, x2)) for r in study.runs]
        ax.plot(xs, [study.scalar(r, name) for r in study.runs], ".", ms=4, label=name if len(names) > 1 else None)
    ax.set_xlabel(f"{x1} + {x2}")
    ax.set_ylabel(names[0] if len(names) == 1 else "")
    if len(names) > 1:
        ax.legend(fontsize="small")


def draw_domain(ax, study, x, y, group, scale_offset, only=None):
    """The points that exist (a sweep with skip_invalid keeps the valid ones), per value of `group`
    (or only the value `only`), in units of group + scale_offset."""
    groups = {}
    for r in study.runs:
        groups.setdefault(float(study.param(r, group)), []).append(r)
    for g, runs in sorted(groups.items(), reverse=True):
        if only is not None and g != only:
            continue
        u = g + scale_offset
        ax.plot([float(study.param(r, x)) / u for r in runs], [float(study.param(r, y)) / u for r in runs], "s", ms=5,
                label=f"{group} = {fmt(g)}", alpha=0.6)
    ax.set_xlabel(f"{x} / ({group} + {scale_offset})")
    ax.set_ylabel(f"{y} / ({group} + {scale_offset})")
    ax.set_aspect("equal")
    ax.set_xlim(-1.05, 1.05), ax.set_ylim(-1.05, 1.05)
    ax.set_title(f"{group} = {fmt(only)}" if only is not None else "", fontsize="small")
    if only is None:
        ax.legend(fontsize="small")


def draw_map(fig, ax, study, name, x, y):
    xs = sorted({float(study.param(r, x)) for r in study.runs})
    ys = sorted({float(study.param(r, y)) for r in study.runs})
    z = np.full((len(ys), len(xs)), np.nan)
    for r in study.runs:
        z[ys.index(float(study.param(r, y))), xs.index(float(study.param(r, x)))] = study.scalar(r, name)
    m = ax.pcolormesh(xs, ys, z, shading="nearest")
    fig.colorbar(m, ax=ax, label=name)
    ax.set_xlabel(x)
    ax.set_ylabel(y)


def save(fig, out, title=None):
    if title:
        width = max(40, int(fig.get_size_inches()[0] * 11))
        fig.suptitle(textwrap.fill(title, width), fontsize="medium")
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    print("wrote " + out)


# The papers' figures: example configuration and panels. A panel is (kind, arguments):
#   ("series", [observables], runs or None)      ("sweep", [scalars], x, group or None)
#   ("map", scalar, x, y)    ("scatter_sum", [scalars], x1, x2)    ("domain", x, y, group, offset)
#   ("parametric", [scalars], x_scalar, [scalars marked as vertical lines])
# A scalar name may be an observable at the first or last output time: NAME@t0, NAME@tend.
FIGURES = {}


def figure(name, example, caption, *panels):
    FIGURES[name] = {"example": example, "caption": caption, "panels": panels}


LANDAUER = ["beta_heat_rate", "entropy_rate_tilde"]
figure("seed000_fig1b", "seed000_fig1b", "single qubit: beta Qdot (solid) >= dS~/dt (dashed) (Eq. 7), xi = 0.9 and -0.9",
       ("series", LANDAUER, "0"), ("series", LANDAUER, "1"))
figure("seed000_fig1c", "seed000_fig1cd", "two qubits in cascade from |up up>: beta Qdot (solid) >= dS~/dt (dashed), xi = 0.9 and -0.9",
       ("series", LANDAUER, "0"), ("series", LANDAUER, "1"))
figure("seed000_fig1d", "seed000_fig1cd", "mutual information I(A:B) built by the recycled ancillas, xi = 0.9 and -0.9",
       ("series", ["correlation_information"], None))
figure("seed000_fig2_qubit", "seed000_fig2_qubit", "indirect erasure, qubit mediator: beta Qdot and dS~/dt at beta = 10 and 0.5",
       ("series", LANDAUER, "0"), ("series", LANDAUER, "1"))
figure("seed000_fig2_oscillator", "seed000_fig2_oscillator",
       "indirect erasure, oscillator mediator: beta Qdot and dS~/dt at beta = 10 and 0.5",
       ("series", LANDAUER, "0"), ("series", LANDAUER, "1"))
LOCAL_A = ["beta_local_heat_rate_A", "entropy_rate_tilde_A"]
figure("seed000_fig3", "seed000_fig3", "local bound of the indirectly erased qubit A: beta Qdot_A (solid) against dS~_A/dt "
       "(dashed), violated where dashed exceeds solid; beta = 10 and 0.5", ("series", LOCAL_A, "0"), ("series", LOCAL_A, "1"))
SEED001 = ["beta_heat@tend", "B_Q@tend", "B_RW@tend", "delta_S@tend"]
figure("seed001_fig1b", "seed001_fig1b", "erasure through one spin (N = 1) at beta = 1: beta<Q>, B_Q, B_RW and Delta S against alpha "
       "at Jt = 5pi/2", ("sweep", SEED001, "alpha", None))
figure("seed001_fig1c", "seed001_fig1c", "the same at beta = 10", ("sweep", SEED001, "alpha", None))
figure("seed001_fig2", "seed001_fig2", "erasure through an XX chain of N = 4 spins at beta = 1: beta<Q>, B_Q, B_RW and Delta S "
       "against alpha at Jt = 5pi/2", ("sweep", SEED001, "alpha", None))
figure("seed002_fig2_qubits", "seed002_fig2_qubits", "cascaded qubits: J1, J2, J12 over time for several system temperatures",
       ("series", ["J1", "J2", "J12"], None))
figure("seed002_fig2_oscillators", "seed002_fig2_oscillators", "cascaded oscillators, system hotter (T_S = 2T): J1, J2, J12 "
       "and J_total over time, Fock route beside the exact Gaussian route", ("series", ["J1", "J2", "J12", "J_total"], None),
       ("series", ["J_total_diff"], None))
figure("seed002_fig3a", "seed002_fig3a", "total heat flux J(c) for correlated initial states C13 = C24 = -0.7, 0, 0.7 N_S (N_S = 1, N = 0)",
       ("series", ["J_total"], None))
figure("seed002_fig3b", "seed002_fig3b", "cascaded qubits: total heat flux J(c) for Re rho23(0) = -0.9 .. 0.9 (xi_S = 0.25, xi = 1)",
       ("series", ["J_total"], None))
figure("seed002_fig4a", "seed002_fig4a", "release times gamma tau_p against C13(0) = C24(0) (N_S = 1, N = 0)",
       ("sweep", ["tau_25", "tau_50", "tau_75", "tau_86", "tau_90", "tau_95"], "c13", None))
figure("seed002_fig5", "seed002_fig5", "Gaussian discord and logarithmic negativity of the states (31) along C13 = -C24 (N_S = 1)",
       ("sweep", ["gaussian_discord@t0", "log_negativity@t0"], "c13", None))
figure("seed002_fig4bc", "seed002_fig45_plane", "(b) logarithmic negativity and (c) Gaussian discord of every physical "
       "state (31) against C13(0) + C24(0) (N_S = 1, N = 0)", ("scatter_sum", ["log_negativity@t0"], "c13", "c24"),
       ("scatter_sum", ["gaussian_discord@t0"], "c13", "c24"))
figure("seed002_fig5ab", "seed002_fig45_plane", "(a) Gaussian discord and (b) logarithmic negativity of the states (31) over "
       "the physical part of the C13(0)-C24(0) plane (N_S = 1)", ("map", "gaussian_discord@t0", "c13", "c24"),
       ("map", "log_negativity@t0", "c13", "c24"))
figure("seed002_fig7", "seed002_fig7", "physical domain of the states (31) in the C13(0)-C24(0) plane for N_S = 0.5, 1, 2 "
       "(units of N_S + 1/2; grid step 0.25)", ("domain", "c13", "c24", "N_s", 0.5, 0.5), ("domain", "c13", "c24", "N_s", 0.5, 1.0),
       ("domain", "c13", "c24", "N_s", 0.5, 2.0))
figure("seed002_fig5c", "seed002_fig5c", "quantum discord of the two-qubit state (41) over Re and Im rho23(0), xi_S = 0.25",
       ("map", "discord(0:1)@t0", "rho23", "rho23_imag"))
figure("seed002_fig6", "seed002_fig6", "cascaded qubits: (a) release times gamma tau_p and (b) quantum discord against Re rho23(0), "
       "xi_S = 0.25, N = 0", ("sweep", ["tau_25", "tau_50", "tau_75", "tau_86", "tau_90", "tau_95"], "rho23", None),
       ("sweep", ["discord(0:1)@t0"], "rho23", None))
figure("seed003_regimes", "seed003_regimes", "regime (+1 dispersive, -1 ultrastrong) and interaction-energy weight over the "
       "detuning (via omega2) and the coupling gamma", ("map", "regime", "omega2", "gamma"),
       ("map", "interaction_energy_ratio", "omega2", "gamma"))
figure("seed003_dispersive_energies", "seed003_fig1_dispersive", "dispersive regime: internal energy of reservoir 1 (left) "
       "and 2 (right) in the bare, interaction and minimal-dissipation assignments",
       ("series", ["U_bare_1", "U_int_1", "U_md_1"], None), ("series", ["U_bare_2", "U_int_2", "U_md_2"], None))
figure("seed003_dispersive_heat", "seed003_fig1_dispersive", "dispersive regime: heat of reservoir 1 (left) and 2 (right) in the "
       "three assignments against the weak-coupling heat", ("series", ["Q_bare_1", "Q_int_1", "Q_md_1", "Q_weak_1"], None),
       ("series", ["Q_bare_2", "Q_int_2", "Q_md_2", "Q_weak_2"], None))
figure("seed003_md_peaks", "seed003_fig2_strong", "minimal-dissipation work rate of reservoir 1 at strong coupling (Delta = 0.1, "
       "Gamma = 0.2); seed003_md_peaks_ultrastrong for Delta << Gamma", ("series", ["Wdot_md_1", "Wdot_md_2"], None))
figure("seed003_md_peaks_ultrastrong", "seed003_fig2_ultrastrong", "minimal-dissipation work peaks at ultrastrong coupling "
       "(Delta = 0.005, Gamma = 0.2)", ("series", ["Wdot_md_1", "Wdot_md_2"], None))
figure("seed004_fig1a", "seed004_fig1a", "beta_eff/beta of the NESS against J_y/J_x for beta = 9..1",
       ("sweep", ["beta_eff_over_beta"], "jyy", "beta"))
figure("seed004_fig1bcd", "collision_ness_fig1", "work, heat and entropy-production currents for J_y/J_x = -1/2, 0, 1/2, 1",
       ("series", ["work_current"], None), ("series", ["heat_current"], None), ("series", ["entropy_production_rate"], None))
figure("seed004_fig2bcd", "seed004_fig2bcd", "work, heat and entropy-production currents for alpha = 0, pi/8, pi/4, 3pi/8 at beta = 1",
       ("series", ["work_current"], None), ("series", ["heat_current"], None), ("series", ["entropy_production_rate"], None))
figure("seed004_fig3b", "seed004_fig3b_0", "NESS ergotropy against alpha at gamma = 0 for beta = 1..9 from |0> (excited); "
       "seed004_fig3b_1.ini gives the |1> curves", ("sweep", ["steady_ergotropy"], "alpha", "beta"))
figure("seed004_fig2a", "seed004_fig2a", "steady-state l1 coherence against alpha, beta = 9..1",
       ("sweep", ["steady_coherence_l1"], "alpha", "beta"))
figure("seed004_fig3a", "seed004_fig3a", "NESS ergotropy over (alpha, gamma) at beta = 1",
       ("map", "steady_ergotropy", "alpha", "gamma"))

figure("otto_power_efficiency", "otto_engine", "qubit Otto engine on its limit cycle: power against efficiency over "
       "omega_c = 0.35..1.95 (omega_h = 2, beta_h = 0.5, beta_c = 3); Carnot and Curzon-Ahlborn efficiencies dashed",
       ("parametric", ["power"], "efficiency", ["efficiency_carnot", "efficiency_curzon_ahlborn"]),
       ("sweep", ["cycle_work", "cycle_heat_hot"], "omega_c", None))
figure("driven_erasure", "driven_erasure", "erasing a bit by raising its excited level to 10 kT in tau: heat released "
       "and entropy produced against tau, approaching Landauer's kT(ln 2 - S_f) = 0.6926 as 1/tau; p_excited(t)",
       ("sweep", ["Q_total@tend", "Sigma@tend"], "time.t_final", None), ("series", ["p_excited"], None))
figure("driven_qubit_cycle", "driven_qubit_cycle", "driven, damped qubit on its limit cycle: work W, heat Q_total and "
       "energy U over one period (W(T) = Q_total(T), U(T) = U(0))", ("series", ["W", "Q_total", "U"], None))


def run_figure(name, data, out_dir, qtherm, rerun):
    if name not in FIGURES:
        die(f"unknown figure '{name}' (plot.py figures lists them)")
    spec = FIGURES[name]
    h5 = os.path.join(data, spec["example"] + ".h5")
    if rerun or not os.path.exists(h5):
        ini = os.path.join(SOURCE, "examples", spec["example"] + ".ini")
        os.makedirs(data, exist_ok=True)
        cmd = [qtherm, "run", ini, "--output.file=" + h5, "--output.overwrite=true", "--time.progress_interval=0"]
        print("running " + " ".join(cmd))
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL)
        if r.returncode != 0:
            die(f"qtherm failed on {ini} (exit {r.returncode})")
    panels = spec["panels"]
    names = [n for kind, *args in panels if kind != "domain" for n in ([args[0]] if kind == "map" else args[0])]
    names += [n for kind, *args in panels if kind == "parametric" for n in [args[1], *args[2]]]
    study = Study(h5, names)
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 3.8), squeeze=False)
    for ax, (kind, *args) in zip(axes[0], panels):
        if kind == "series":
            draw_series(ax, study, args[0], args[1])
            if args[1] is not None:
                ax.set_title(study.label(args[1]), fontsize="small")
        elif kind == "sweep":
            draw_sweep(ax, study, args[0], args[1], args[2])
        elif kind == "scatter_sum":
            draw_scatter_sum(ax, study, args[0], args[1], args[2])
        elif kind == "parametric":
            draw_parametric(ax, study, args[0], args[1], args[2])
        elif kind == "domain":
            draw_domain(ax, study, *args)
        else:
            draw_map(fig, ax, study, args[0], args[1], args[2])
    save(fig, os.path.join(out_dir, name + ".png"), name + ": " + spec["caption"])


def default_qtherm():
    built = os.path.join(SOURCE, "build", "apps", "qtherm")
    return built if os.path.exists(built) else "qtherm"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("series")
    s.add_argument("file"), s.add_argument("names"), s.add_argument("--runs"), s.add_argument("--out")
    s.add_argument("--title"), s.add_argument("--logy", action="store_true")
    w = sub.add_parser("sweep")
    w.add_argument("file"), w.add_argument("names"), w.add_argument("--x", required=True), w.add_argument("--group")
    w.add_argument("--out")
    m = sub.add_parser("map")
    m.add_argument("file"), m.add_argument("name"), m.add_argument("--x", required=True), m.add_argument("--y", required=True)
    m.add_argument("--out")
    f = sub.add_parser("figure")
    f.add_argument("name"), f.add_argument("--data", default="gallery"), f.add_argument("--out", default=None)
    f.add_argument("--qtherm", default=default_qtherm()), f.add_argument("--rerun", action="store_true")
    sub.add_parser("figures")
    a = p.parse_args()

    if a.cmd == "figures":
        for n, spec in FIGURES.items():
            print(f"{n:28s} examples/{spec['example']}.ini  {spec['caption']}")
        return
    if a.cmd == "figure":
        run_figure(a.name, a.data, a.out or a.data, a.qtherm, a.rerun)
        return
    study = Study(a.file, [a.name] if a.cmd == "map" else a.names.split(","))
    stem = os.path.splitext(a.file)[0]
    fig, ax = plt.subplots(figsize=(6, 4))
    if a.cmd == "series":
        draw_series(ax, study, a.names.split(","), a.runs)
        if a.logy:
            ax.set_yscale("log")
        save(fig, a.out or stem + "_series.png", a.title)
    elif a.cmd == "sweep":
        draw_sweep(ax, study, a.names.split(","), a.x, a.group)
        save(fig, a.out or stem + "_sweep.png")
    else:
        draw_map(fig, ax, study, a.name, a.x, a.y)
        save(fig, a.out or stem + "_map.png")


if __name__ == "__main__":
    main()
