"""`qtherm models` and `qtherm describe MODEL` as Python data, from their `--format json`
output, so Python never parses the text meant for people."""
import json

from . import cli


def models(qtherm=None):
    """{model name: one-line summary}, in the order `qtherm models` lists them."""
    return {m["name"]: m["summary"] for m in json.loads(cli.call("models", "--format", "json", qtherm=qtherm))}


def describe(model, qtherm=None):
    """Everything `qtherm describe MODEL` says, as a dict:
      name, summary, conventions (units and the sign of heat),
      keys: [{section, key, type, default (None: no default), unit, meaning, choices,
              min, max, min_exclusive, max_exclusive}],
      observables, scalars: [{name, unit, sign, meaning}] (unit "1": dimensionless),
      measures: [{syntax, unit, meaning}] ([output] measures; [] when the model has none).
    An unknown model raises QthermError with qtherm's line (it suggests the nearest name)."""
    return json.loads(cli.call("describe", model, "--format", "json", qtherm=qtherm))
