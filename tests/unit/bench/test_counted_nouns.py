"""The counted-noun set: the stored labels are well formed and match the seed texts; loading checks surfaces and
leaves out absent articles; scoring picks the fact over a label and sorts the wrong ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import counted_nouns as cn
from bench.number_scoring import Found


def label(doc: str, start: int, end: int, surface: str, value: float | None, counted: str) -> cn.Label:
    return cn.Label(doc, start, end, surface, value, counted)


def test_the_stored_set_has_200_lower_case_labels_and_the_seed_ones_match_their_texts(tmp_path: Path) -> None:
    labels = cn.parse_labels(cn.LABELS.read_text(encoding="utf-8").splitlines())
    assert len(labels) >= 200
    assert all(lab.counted == lab.counted.lower() and lab.counted.strip() for lab in labels)
    assert len({(lab.doc, lab.start) for lab in labels}) == len(labels)
    # Without the AEB data only the seed labels load, each checked against its text.
    counted_set, _ = cn.load(tmp_path)
    assert counted_set is not None
    assert all(lab.doc.startswith("seed:") for lab in counted_set.labels)
    assert counted_set.left_out == len(labels) - len(counted_set.labels) > 0


def test_a_label_whose_surface_is_not_in_its_text_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"doc": "seed:seed_000", "start": 0, "end": 3, "surface": "123", "value": 123,
                                "counted": "people"}) + "\n")
    with pytest.raises(ValueError, match="is not '123'"):
        cn.load(tmp_path, path)


def test_without_any_text_the_set_is_not_scored(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"doc": "aeb:abc", "start": 0, "end": 1, "surface": "3", "value": 3,
                                "counted": "car"}) + "\n")
    counted_set, why = cn.load(tmp_path, path)
    assert counted_set is None and why is not None and "absent" in why


def test_the_reading_over_a_label_prefers_the_fact_with_its_value() -> None:
    lab = label("seed:x", 10, 13, "123", 123, "prisoner")
    other, right = Found(8, 13, "x 123", 5, "count"), Found(10, 22, "123 prisoners", 123, "count", counted="prisoner")
    assert cn.reading_over(lab, [other, right]) is right
    assert cn.reading_over(lab, [other]) is other
    assert cn.reading_over(lab, [Found(0, 3, "two", 2, "count")]) is None


def test_nouns_compare_case_insensitively_and_person_is_people() -> None:
    assert cn.same_noun("people", "person")
    assert cn.same_noun("democrat", "Democrat")
    assert not cn.same_noun("israeli", "israelis")
    assert not cn.same_noun("car", None)


@pytest.mark.parametrize(("text", "surface", "value", "klass"), [
    ("thousands of employees", "thousands", None, "approximate"),
    ("a two-goal game", "two", 2, "hyphenated"),
    ("three of those companies", "three", 3, "partitive"),
    ("1.4 million refugees", "1.4 million", 1.4e6, "digits and a scale word"),
    ("Nine people", "Nine", 9, "number words"),
    ("30,154 new cars", "30,154", 30154, "digits"),
])
def test_labels_fall_in_classes(text: str, surface: str, value: float | None, klass: str) -> None:
    start = text.index(surface)
    assert cn.label_class(label("seed:x", start, start + len(surface), surface, value, "n"), text).startswith(klass)


def test_scoring_counts_right_covered_values_and_sorts_the_wrong() -> None:
    text = "123 prisoners, two-goal game, thousands of fans, 5 cars and 7 buses"
    labels = (
        label("seed:t", 0, 3, "123", 123, "prisoner"),
        label("seed:t", 15, 18, "two", 2, "goal"),
        label("seed:t", 30, 39, "thousands", None, "fan"),
        label("seed:t", 49, 50, "5", 5, "car"),
        label("seed:t", 59, 60, "7", 7, "bus"),
    )
    counted_set = cn.CountedSet(labels, ("seed:t",), (text,))
    facts = [
        Found(0, 13, "123 prisoners", 123, "count", counted="Prisoner"),
        Found(30, 39, "thousands", 1000, "count"),
        Found(49, 50, "5", 5, "count", counted="bus"),
        Found(59, 60, "7", 7, "year"),
    ]
    s = cn.score(counted_set, [facts])
    assert (s.total, s.right, s.covered, s.valued, s.value_found) == (5, 1, 4, 4, 3)
    assert {why: [w.label.surface for w in ws] for why, ws in s.wrong_by_class()} == {
        "no fact over the number": ["two"], "a count without a counted noun": ["thousands"],
        "another noun": ["5"], "read as another kind": ["7"],
    }
