"""qtherm.models and qtherm.describe (from `--format json`) say what the text says, and agree
with what a run writes."""
import pytest

import qtherm
from helpers import cli, cli_ok


def test_models_match_the_text(qtherm_cmd):
    text = cli_ok(qtherm_cmd, "models").stdout.splitlines()
    models = qtherm.models()
    assert list(models) == [line.split()[0] for line in text]
    assert all(models[line.split()[0]] == line.split(None, 1)[1] for line in text)


def test_describe_matches_the_text_for_every_model(qtherm_cmd):
    for name in qtherm.models():
        d = qtherm.describe(name)
        text = cli_ok(qtherm_cmd, "describe", name).stdout
        assert d["name"] == name and d["conventions"] in text
        for k in d["keys"]:
            assert f"  {k['key']}  ({k['type']}; default: " in text, (name, k)
        for q in d["observables"] + d["scalars"]:
            assert f"  {q['name']}  [{q['unit']}]\n      {q['meaning']}\n" in text, (name, q)
            if q["sign"]:
                assert f"sign: {q['sign']}" in text
        assert ("Information measures" in text) == bool(d["measures"])


def test_describe_key_fields():
    keys = {(k["section"], k["key"]): k for k in qtherm.describe("cascaded_qubits")["keys"]}
    name = keys[("model", "name")]
    assert name["type"] == "choice" and "cascaded_qubits" in name["choices"]
    assert keys[("sweep", "slice")]["default"] is None  # an optional key has no default
    assert keys[("checkpoint", "every_time")]["min"] == 0 and keys[("checkpoint", "every_time")]["unit"] == "time"


def test_a_run_writes_what_describe_says():
    d = qtherm.describe("cascaded_qubits")
    declared = {q["name"]: q for q in d["observables"] + d["scalars"]}
    ds = qtherm.run({"model": {"name": "cascaded_qubits"}, "time": {"t_final": 1, "samples": 3, "progress_interval": 0}},
                    output="d.h5", progress=False)
    written = [n for n in ds.data_vars if n in declared]
    assert written, "no declared quantity was written"
    for n in written:
        assert {a: ds[n].attrs[a] for a in ("unit", "sign", "meaning")} == \
            {a: declared[n][a] for a in ("unit", "sign", "meaning")}, n


def test_unknown_model_is_the_cli_line(qtherm_cmd):
    with pytest.raises(qtherm.QthermError) as e:
        qtherm.describe("cascaded_qubit")
    assert str(e.value) == cli(qtherm_cmd, "describe", "cascaded_qubit").stderr.strip()
    assert "did you mean 'cascaded_qubits'" in str(e.value) and e.value.status == 2


def test_bad_format_is_one_line(qtherm_cmd):
    r = cli(qtherm_cmd, "models", "--format", "yaml")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "expected text or json, got 'yaml'" in r.stderr
