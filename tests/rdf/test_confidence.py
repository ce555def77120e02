"""Calibration: `evaluate --calibrate` writes where the user says, never silently into an install."""

from __future__ import annotations

import pytest
import yaml

from graph import resources
from graph.errors import PledgeGraphError
from graph.rdf import confidence
from graph.rdf.confidence import CALIBRATION_FILE, calibration_target, write_calibration


def test_a_named_file_is_written_and_the_packaged_table_is_left_alone(tmp_path):
    before = CALIBRATION_FILE.read_bytes()
    target = calibration_target(tmp_path / "confidence.yaml")
    table = write_calibration({"pledge": (8, 7), "ellipsis": (2, 1)}, target)
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["confidence"] == table["confidence"] == {"ellipsis": 0.65, "pledge": 0.86}
    assert CALIBRATION_FILE.read_bytes() == before


def test_the_default_is_the_source_tree_file_in_a_checkout():
    assert resources.source_checkout() is not None  # the tests run from the checkout
    assert calibration_target() == CALIBRATION_FILE


def test_an_installed_package_refuses_to_rewrite_its_own_file(monkeypatch):
    monkeypatch.setattr(confidence, "source_checkout", lambda: None)
    with pytest.raises(PledgeGraphError, match="--calibration-file"):
        calibration_target()
