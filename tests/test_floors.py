"""Quality floors live in tests/floors.json, and every floor there is checked by a test."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import FLOORS

TESTS = Path(__file__).resolve().parent


def test_floors_are_all_read_by_a_test() -> None:
    pinned = {
        (area, name)
        for area, values in json.loads(FLOORS.read_text(encoding="utf-8")).items()
        for name in values
        if name != "note"
    }
    sources = "".join(
        path.read_text(encoding="utf-8")
        for path in TESTS.glob("test_*.py")
        if path.name != "test_floors.py"
    )
    read = set(re.findall(r'floor\("(\w+)", "(\w+)"\)', sources))
    assert read == pinned
