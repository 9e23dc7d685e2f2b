"""Build src/bilat/knowledge/cameo.tsv from the CAMEO reference tables in ../shared.

Only facts are taken from the reference: codes, Goldstein scores and the PLOVER crosswalk.
Labels are short names cleaned up here (typos fixed, "not specified below" turned into
"(general)"), never the CAMEO manual's descriptions.

Run from the project root: ``python scripts/build_cameo_tsv.py``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "cameo"
OUTPUT = ROOT / "src" / "bilat" / "knowledge" / "cameo.tsv"
COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode")

# Labels rewritten because the reference spelling is garbled, mistyped or too long to display.
LABELS = {
    "0255": "Appeal to allow international involvement",
    "031": "Express intent to cooperate materially (general)",
    "032": "Express intent to give policy support",
    "033": "Express intent to provide material aid (general)",
    "0334": "Express intent to provide protection or peacekeeping",
    "034": "Express intent to reform politically (general)",
    "0354": "Express intent to ease economic sanctions",
    "0355": "Express intent to allow international involvement",
    "044": "Meet at a third location",
    "083": "Accede to demands for political reform (general)",
    "1055": "Demand to allow international involvement",
    "122": "Reject request for material aid (general)",
    "123": "Reject request for political reform (general)",
    "1244": "Refuse to ease economic sanctions",
    "1245": "Refuse to allow international involvement",
    "183": "Conduct non-military bombing (general)",
    "2041": "Use chemical, biological or radiological weapons",
}


def quad_class(code: str) -> int:
    """Return the quad class of a CAMEO code from its two-digit root.

    Args:
        code: a CAMEO code of 2 to 4 digits.

    Returns:
        1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    """
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def clean_label(code: str, raw: str) -> str:
    """Return a short sentence-case label for one CAMEO code.

    Args:
        code: the CAMEO code.
        raw: the short name from the reference lookup table.

    Returns:
        The label to store in cameo.tsv.
    """
    if code in LABELS:
        return LABELS[code]
    text = " ".join(raw.split())
    if text.isupper():
        text = text.capitalize()
    text = re.sub(r",?\s*not spec(ified)? below", " (general)", text)
    return text.replace(" ,", ",").strip()


def read_table(path: Path) -> list[tuple[str, str]]:
    """Return the (code, value) rows of a two-column reference TSV, without its header.

    Args:
        path: the TSV file.

    Returns:
        The rows in file order.
    """
    lines = path.read_text(encoding="latin-1").splitlines()[1:]
    return [(a.strip(), b.strip()) for a, b in (line.split("\t") for line in lines if line)]


def read_plover(path: Path) -> dict[str, tuple[str, str]]:
    """Return the PLOVER (type, mode) of each code listed in the crosswalk.

    Args:
        path: CAMEO2PLOVER-2021.txt.

    Returns:
        Code to (type, mode); a two-digit section header gives its root a type and no mode.
    """
    crosswalk: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if match is None:
            continue
        code, body = match.group(1), match.group(2)
        fields = [field.strip() for field in body.split(",")]
        mode = fields[1] if len(code) > 2 and len(fields) > 1 else ""
        # The first entry wins: root 08 is listed under CONCEDE and again under RETREAT.
        crosswalk.setdefault(code, (fields[0], mode))
    return crosswalk


def build_rows() -> list[dict[str, str]]:
    """Return one row per CAMEO code in the reference, in reference order.

    Returns:
        Rows keyed by the cameo.tsv columns.
    """
    names = read_table(REFERENCE / "CAMEO.eventcodes.txt")
    goldstein = dict(read_table(REFERENCE / "CAMEO.goldsteinscale.txt"))
    plover = read_plover(REFERENCE / "CAMEO2PLOVER-2021.txt")
    rows = []
    for code, raw in names:
        # A code without a score takes its parent's (none do in the 2021 tables).
        parent = code
        while parent not in goldstein and len(parent) > 2:
            parent = parent[:-1]
        plover_type, plover_mode = plover.get(code, ("", ""))
        rows.append(
            {
                "code": code,
                "name": clean_label(code, raw),
                "goldstein": str(float(goldstein[parent])),
                "quad_class": str(quad_class(code)),
                "plover_type": plover_type,
                "plover_mode": plover_mode,
            }
        )
    return rows


def main() -> int:
    """Write cameo.tsv and return the process exit code."""
    if not REFERENCE.is_dir():
        print(f"cannot find {REFERENCE}: run from a checkout with ../shared beside it")
        return 1
    rows = build_rows()
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
