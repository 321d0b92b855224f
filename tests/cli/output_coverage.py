#!/usr/bin/env python3
"""Every declared output is written by some run: the other half of the output contract.

    output_coverage.py DESCRIBE_DIR RUN.h5...

DESCRIBE_DIR holds `qtherm describe MODEL --format json` as MODEL.json for every model. A declared
name is one name, a template ("tau_<p>": any text in place of <p>) or a comma-separated list of
those documented together; each piece must match an observable or scalar written by some run of its
model in the files given. A run writing an undeclared output already fails (`qtherm run` checks it);
this catches the declared output no configuration writes. Exit status 1 naming each unwritten piece
and each model without a run; 0 otherwise.
"""
import glob
import json
import os
import sys

import h5py


def pieces(name):
    return [p.strip() for p in name.split(",") if p.strip() and p.strip() != "..."]


def matches(pattern, name):
    o = pattern.find("<")
    c = pattern.find(">", o)
    if o < 0 or c < 0:
        return pattern == name
    head, tail = pattern[:o], pattern[c + 1:]
    if len(name) <= len(head) or not name.startswith(head):
        return False
    return any(matches(tail, name[end:]) for end in range(len(name), len(head), -1))


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def main(describe_dir, files):
    written = {}
    for path in files:
        with h5py.File(path, "r") as f:
            model = text(f.attrs["model"])
            w = written.setdefault(model, {"observables": set(), "scalars": set()})
            for run in f["runs"].values():
                for kind in w:
                    if kind in run:
                        w[kind] |= set(run[kind])
    bad = 0
    for path in sorted(glob.glob(os.path.join(describe_dir, "*.json"))):
        model = os.path.basename(path)[: -len(".json")]
        with open(path) as fh:
            declared = json.load(fh)
        if model not in written:
            print(f"FAIL: model {model}: no run among the files")
            bad += 1
            continue
        n = 0
        for kind in ("observables", "scalars"):
            for q in declared[kind]:
                for p in pieces(q["name"]):
                    n += 1
                    if not any(matches(p, w) for w in written[model][kind]):
                        print(f"FAIL: model {model}: the declared {kind[:-1]} '{p}' is written by no run")
                        bad += 1
        print(f"model {model}: {n} declared outputs")
    if bad == 0:
        print(f"every declared output of {len(written)} models is written by some run")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
