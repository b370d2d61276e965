"""The fixture framework: discovery, unique names, committed files for
every case (building them needs TensorFlow: `scripts/ctnn fixtures`)."""

from __future__ import annotations

import json

import pytest
from gen_helpers import FIXTURES, ctnn

from ctnn_tools import fixtures
from ctnn_tools.fixtures import FixtureCase


def test_discovery() -> None:
    mods = fixtures.case_modules()
    assert "fc" in mods
    cases = fixtures.discover()
    assert cases and all(isinstance(c, FixtureCase) for c in cases)
    names = [c.name for c in cases]
    assert len(names) == len(set(names))
    for c in cases:
        assert c.name.isidentifier(), c.name
        assert c.input_shapes and all(all(d > 0 for d in s) for s in c.input_shapes), c.name
        assert c.data_range[0] < c.data_range[1], c.name
    assert {c.name for c in fixtures.discover("fc_*")} <= {n for n in names if n.startswith("fc_")}
    assert fixtures.discover("fc")  # a module name selects its cases


def test_every_case_is_committed() -> None:
    manifest = FIXTURES / "manifest.json"
    if not manifest.exists():
        pytest.skip("no fixtures built yet")
    entries = json.loads(manifest.read_text())["fixtures"]
    missing = [c.name for c in fixtures.discover() if c.name not in entries]
    assert missing == [], f"run `scripts/ctnn fixtures --only '<name>'` and commit: {missing}"


def test_list_command() -> None:
    r = ctnn("fixtures", "--list", "--only", "fc_*")
    assert r.code == 0 and "fc_8x4" in r.stdout.split()


def test_no_match_is_a_clear_error() -> None:
    r = ctnn("fixtures", "--list", "--only", "no_such_case_*")
    assert r.code != 0 and r.stderr.startswith("ctnn: error: no fixture case matches")
