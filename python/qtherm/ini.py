"""qtherm's INI text as Python data: {section: {key: value}}, read and written.

The rules are qtherm's own (src/qtherm/io/config.cpp), not configparser's: '#' starts a comment
anywhere on a line, ';' only at the start of one (matrix values use ';' between rows), and keys
keep their case.
"""
import math
import numbers
import os


def parse(text):
    """{section: {key: value text}} of an INI text such as a file's `config` attribute."""
    config = {}
    section = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = config.setdefault(line[1:-1].strip(), {})
        elif "=" in line and section is not None:
            key, value = line.split("=", 1)
            section[key.strip()] = value.strip()
        else:
            raise ValueError(f"INI line {number}: expected [section] or key = value, got {raw!r}")
    return config


def read(path):
    with open(path, encoding="utf-8") as f:
        return parse(f.read())


def boolean(text):
    """An INI boolean as qtherm reads it (true/false, yes/no, on/off, 1/0)."""
    t = text.strip().lower()
    if t in ("true", "yes", "on", "1"):
        return True
    if t in ("false", "no", "off", "0"):
        return False
    raise ValueError(f"{text!r} is not a boolean")


def value_text(value):
    """A Python value as qtherm reads it: true/false, a float that reads back exactly, a list
    as comma-separated values."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        if not math.isfinite(value):
            raise ValueError(f"{value!r}: qtherm takes finite numbers only")
        return repr(float(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return str(value)


def compose(config):
    """INI text of {section: {key: value}}. A '#' or a line break in a value is refused here,
    because qtherm would silently read the value cut at the comment or the line."""
    blocks = []
    for section, keys in config.items():
        lines = [f"[{section}]"]
        for key, value in keys.items():
            text = value_text(value)
            if "#" in text or "\n" in text:
                raise ValueError(f"[{section}] {key}: {text!r}: '#' and line breaks cannot appear in an INI value")
            lines.append(f"{key} = {text}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
