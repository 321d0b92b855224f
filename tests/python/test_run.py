"""qtherm.run: a dict or an INI file in, the loaded Dataset out, qtherm's lines streamed as they
come; on bad input a QthermError whose message is exactly the one line the command prints, also
under mpiexec (which adds lines of its own)."""
import numpy as np
import pytest

import qtherm
from helpers import cli

SHORT = {"time": {"t_final": 1, "samples": 5, "progress_interval": 0}}


def test_dict_config_runs_and_loads():
    lines = []
    config = {"model": {"name": "cascaded_qubits", "beta_s": 0.5}, **SHORT}
    ds = qtherm.run(config, output="q.h5", progress=lines.append)
    assert ds.attrs["model"] == "cascaded_qubits"
    assert "beta_s = 0.5" in ds.attrs["config"]
    assert ds.J12.dims == ("t",) and len(ds.t) == 5
    assert any(line.startswith("qtherm ") and "MPI rank(s)" in line for line in lines), lines[:5]
    assert any("q.h5" in line for line in lines[-5:]), "the summary names the output file"
    loaded = qtherm.load("q.h5")
    np.testing.assert_array_equal(ds.J12.values, loaded.J12.values)


def test_ini_file_overrides_and_output_from_the_config(tmp_path):
    (tmp_path / "s.ini").write_text("[model]\nname = cascaded_qubits\n[time]\nt_final = 2\nsamples = 3\n"
                                    "progress_interval = 0\n[output]\nfile = from_ini.h5\n")
    ds = qtherm.run("s.ini", overrides={"model.beta_s": 2, "time.samples": 4}, progress=False)
    assert (tmp_path / "from_ini.h5").exists()
    assert len(ds.t) == 4 and "beta_s = 2" in ds.attrs["config"]


def test_bad_ini_raises_the_cli_line(qtherm_cmd, tmp_path):
    (tmp_path / "bad.ini").write_text("[model]\nname = cascaded_qubits\nbeta_ss = 1\n")
    expected = cli(qtherm_cmd, "run", "bad.ini")
    assert expected.returncode == 2
    with pytest.raises(qtherm.QthermError) as e:
        qtherm.run("bad.ini", progress=False)
    assert str(e.value) == expected.stderr.strip()
    assert e.value.status == 2
    assert str(e.value).startswith("qtherm: error: bad.ini: [model] beta_ss") and "did you mean 'beta_s'" in str(e.value)
    assert not list(tmp_path.glob("*.h5*")), "no output file after bad input"


def test_bad_override_raises_the_cli_line(qtherm_cmd):
    expected = cli(qtherm_cmd, "run", "--model.beta_s=-1")
    with pytest.raises(qtherm.QthermError) as e:
        qtherm.run(overrides={"model.beta_s": -1}, progress=False)
    assert str(e.value) == expected.stderr.strip() and str(e.value).startswith("qtherm: error: command line: [model] beta_s")


def test_bad_dict_is_one_line_naming_the_key():
    with pytest.raises(qtherm.QthermError) as e:
        qtherm.run({"model": {"name": "cascaded_qubits", "nope": 1}}, progress=False)
    line = str(e.value)
    assert "\n" not in line and line.startswith("qtherm: error: ") and "[model] nope" in line


def test_unsafe_dict_value_is_refused_before_running():
    with pytest.raises(ValueError, match="'#'"):
        qtherm.run({"model": {"name": "cascaded_qubits # comment"}}, progress=False)


def test_two_ranks_equal_one(tmp_path):
    config = {"model": {"name": "cascaded_qubits"}, **SHORT}
    one = qtherm.run(config, output="np1.h5", progress=False)
    two = qtherm.run(config, ranks=2, output="np2.h5", progress=False)
    assert two.attrs["mpi_ranks"] == 2
    np.testing.assert_allclose(two.J12.values, one.J12.values, rtol=0, atol=1e-10)


def test_error_under_mpiexec_is_the_cli_line():
    with pytest.raises(qtherm.QthermError) as e:
        qtherm.run(overrides={"model.beta_s": -1}, ranks=2, progress=False)
    assert str(e.value).startswith("qtherm: error: command line: [model] beta_s") and "\n" not in str(e.value)
