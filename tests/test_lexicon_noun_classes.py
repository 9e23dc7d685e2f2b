"""Noun classes: verb patterns share named lists of nouns, expanded when the lexicon loads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.errors import KnowledgeError
from bilat.events.patterns import CLASS_REF, WORD_FIELDS, load_patterns
from bilat.knowledge import Knowledge
from bilat.knowledge.loader import load_yaml_file
from bilat.records import Document

BUNDLED = Path(__file__).resolve().parents[1] / "src" / "bilat" / "knowledge"
CLASSES = (("agreement", ("deal", "pact")), ("truce", ("ceasefire",)))
CODES = frozenset({"057", "0871"})


def _verbs(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "verbs_user.yaml"
    path.write_text("verbs:\n" + body, encoding="utf-8")
    return path


def test_noun_classes_expand_in_place_once(tmp_path: Path) -> None:
    path = _verbs(
        tmp_path,
        "  - {id: 057-sign, code: '057', verbs: [sign], objects: [accord, <agreement>, pact]}\n",
    )
    (pattern,) = load_patterns((path,), CODES, classes=CLASSES).patterns
    assert pattern.objects == ("accord", "deal", "pact")


def test_noun_classes_expand_in_every_word_list(tmp_path: Path) -> None:
    path = _verbs(
        tmp_path,
        "  - {id: 0871-truce, code: '0871', nouns: [<truce>], complement_objects: [<truce>]}\n",
    )
    (pattern,) = load_patterns((path,), CODES, classes=CLASSES).patterns
    assert (pattern.nouns, pattern.complement_objects) == (("ceasefire",), ("ceasefire",))


def test_noun_classes_unknown_class_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = _verbs(
        tmp_path,
        "  - {id: 057-sign, code: '057', verbs: [sign], objects: [deal]}\n"
        "  - {id: 057-ink, code: '057', verbs: [ink],\n"
        "     objects: [<agreemnt>]}\n",
    )
    with pytest.raises(KnowledgeError) as error:
        load_patterns((path,), CODES, classes=CLASSES)
    assert error.value.message == (
        f"{path}:4: objects.0: unknown noun class <agreemnt>; did you mean <agreement>?"
    )


def test_noun_classes_malformed_reference_is_an_error(tmp_path: Path) -> None:
    path = _verbs(tmp_path, "  - {id: 057-sign, code: '057', verbs: [sign], objects: [<Deal>]}\n")
    with pytest.raises(KnowledgeError) as error:
        load_patterns((path,), CODES, classes=CLASSES)
    assert error.value.message == (
        f"{path}:2: objects.0: '<Deal>' is neither a word nor a noun class; "
        "name a class as <name> in lower case, e.g. <agreement>"
    )


def test_noun_classes_member_must_be_lower_case(tmp_path: Path) -> None:
    path = tmp_path / "nouns_user.yaml"
    path.write_text("noun_classes:\n  agreement: [deal, MoU]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_yaml_file(path)
    assert error.value.message.startswith(
        f"{path}:2: noun_classes.agreement.1: String should match"
    )


def test_noun_classes_user_class_replaces_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "nouns_user.yaml").write_text(
        "noun_classes:\n  truce: [ceasefire, lull]\n", encoding="utf-8"
    )
    classes = dict(Knowledge.load([tmp_path], cache_dir="none").noun_classes)
    assert classes["truce"] == ("ceasefire", "lull")


def test_noun_classes_bundled_classes_are_all_used() -> None:
    knowledge = Knowledge.load(cache_dir="none")
    named = {
        found[1]
        for path in knowledge.verb_files
        for found in re.finditer(CLASS_REF, path.read_text(encoding="utf-8"))
    }
    assert sorted(named) == sorted(name for name, _ in knowledge.noun_classes)


def test_noun_classes_bundled_lexicon_loads_expanded() -> None:
    knowledge = Knowledge.load(cache_dir="none")
    lexicon = load_patterns(
        knowledge.verb_files, frozenset(knowledge.cameo), classes=knowledge.noun_classes
    )
    left = [
        (p.id, word)
        for p in lexicon.patterns
        for field in WORD_FIELDS
        for word in getattr(p, field)
        if word.startswith("<")
    ]
    assert left == []


def test_noun_classes_knowledge_check_reports_unknown_class(tmp_path: Path) -> None:
    path = _verbs(
        tmp_path, "  - {id: 057-sign, code: '057', verbs: [sign], objects: [<meetings>]}\n"
    )
    result = CliRunner().invoke(app, ["knowledge", "check", str(path)])
    assert (result.exit_code, result.output) == (
        1,
        f"{path}:2: objects.0: unknown noun class <meetings>; did you mean <meeting>?\n",
    )


# Sentences of our own whose object only a shared class gives the pattern.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "sign" now knows a roadmap, which only "reach" listed
        ("Chile signed a roadmap with Peru.", [("CHL", "057-sign", "PER")]),
        # the aid class gives "pledge" a development-aid package
        ("Japan pledged development assistance to Kenya.", [("JPN", "033-pledge-aid", "KEN")]),
        # the talks class gives "hold" deliberations
        ("Chile held deliberations with Peru.", [("CHL", "040-hold-talks", "PER")]),
        # "meet" as a noun (South Asian usage) is a meeting
        (
            "Chile's president in his meet with Peru's president discussed trade.",
            [("CHLGOV", "040-meeting", "PERGOV")],
        ),
        # a consensus reached is an agreement
        ("Chile reached a consensus with Peru.", [("CHL", "057-reach-agreement", "PER")]),
    ],
)
def test_noun_classes_give_siblings_each_others_nouns(
    pipeline: Any, text: str, expected: list[tuple[str, str, str]]
) -> None:
    extraction = pipeline.extract(Document.from_text(text, doc_id="t", published="2024-06-01"))
    coded = [(e.source.code, e.rule, e.target.code if e.target else "") for e in extraction.events]
    assert coded == expected
