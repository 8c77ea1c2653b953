"""The NER benchmark's pure parts: CoNLL reading, IOB1 decoding, gold spans, exact-match scoring, error kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.ner_quality import (
    ALL,
    Counts,
    ErrorKind,
    LineKind,
    Sentence,
    Span,
    build_document,
    classify_errors,
    elsewhere_labels,
    entities_opened_by_inside,
    f1_if_fixed,
    f1_like,
    iob_spans,
    is_sports,
    line_kind,
    main,
    read_conll,
    score,
    trimmed,
    within,
    wrong_type_pairs,
)

# ---- IOB1 ----------------------------------------------------------------------


def test_an_inside_tag_after_outside_opens_an_entity() -> None:
    assert iob_spans(["O", "I-PER", "I-PER", "O"]) == [(1, 3, "PER")]


def test_a_begin_tag_separates_two_adjacent_entities_of_one_type() -> None:
    assert iob_spans(["I-LOC", "B-LOC", "I-LOC", "O"]) == [(0, 1, "LOC"), (1, 3, "LOC")]


def test_an_inside_tag_of_another_type_opens_a_new_entity() -> None:
    assert iob_spans(["I-ORG", "I-PER"]) == [(0, 1, "ORG"), (1, 2, "PER")]


def test_an_entity_running_to_the_end_of_the_sentence_is_closed() -> None:
    assert iob_spans(["O", "I-MISC", "I-MISC"]) == [(1, 3, "MISC")]


def test_iob2_tags_decode_the_same_way() -> None:
    assert iob_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC")]


def test_no_tags_no_spans() -> None:
    assert iob_spans([]) == []
    assert iob_spans(["O", "O"]) == []


def test_entities_opened_by_inside_counts_iob1_style_openings_only() -> None:
    assert entities_opened_by_inside(["I-PER", "O", "B-LOC", "I-LOC", "I-ORG"]) == 2
    assert entities_opened_by_inside(["B-PER", "I-PER"]) == 0


# ---- reading and gold spans ----------------------------------------------------------


def test_read_conll_splits_documents_on_docstart_and_sentences_on_blank_lines() -> None:
    lines = [
        "-DOCSTART- -X- -X- O",
        "",
        "Ada NNP B-NP I-PER",
        "wrote VBD B-VP O",
        "",
        "Fine JJ B-NP O",
        "-DOCSTART- -X- -X- O",
        "",
        "Oslo NNP B-NP I-LOC",
    ]
    assert read_conll(lines) == [
        [Sentence(("Ada", "wrote"), ("I-PER", "O")), Sentence(("Fine",), ("O",))],
        [Sentence(("Oslo",), ("I-LOC",))],
    ]


def test_build_document_joins_tokens_by_spaces_and_sentences_by_newlines_with_gold_offsets() -> None:
    document = build_document([
        Sentence(("ZORBLAX", "WINS"), ("I-ORG", "O")),
        Sentence(
            ("Mira", "Quell", "met", "Zorblax", "in", "Tavo", "."),
            ("I-PER", "I-PER", "O", "I-ORG", "O", "I-LOC", "O"),
        ),
        Sentence(("Won", "3", "-", "1", "4"), ("O", "O", "O", "O", "O")),
    ])
    assert document.text == "ZORBLAX WINS\nMira Quell met Zorblax in Tavo .\nWon 3 - 1 4"
    assert document.words == 14
    surfaces = {(document.text[s.start : s.end], s.label) for s in document.gold}
    assert surfaces == {("ZORBLAX", "ORG"), ("Mira Quell", "PER"), ("Zorblax", "ORG"), ("Tavo", "LOC")}
    assert [kind for _, _, kind in document.lines] == [LineKind.CAPS, LineKind.PROSE, LineKind.TABLE]
    assert document.ranges(LineKind.CAPS) == [(0, 12)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("ZORBLAX WINS IN TAVO", LineKind.CAPS),
        ("TAVO 1996-08-30", LineKind.CAPS),
        ("Zorblax 4 2 1 1 10", LineKind.TABLE),
        ("Zorblax won by 3.5 points on Sunday .", LineKind.PROSE),
        ("1 2 3", LineKind.TABLE),
        ("- .", LineKind.PROSE),
    ],
)
def test_line_kind(line: str, kind: LineKind) -> None:
    assert line_kind(line) is kind


def test_is_sports_reads_the_headline_slug() -> None:
    assert is_sports("SOCCER - ZORBLAX WIN\n...")
    assert is_sports("Boxing-Quell retires .")
    assert not is_sports("Golden Zorblax shares rise .")


# ---- scoring -------------------------------------------------------------------------


def test_exact_match_scores_only_identical_start_end_and_type() -> None:
    gold = {Span(0, 4, "PER"), Span(10, 14, "LOC")}
    predicted = {Span(0, 4, "PER"), Span(10, 15, "LOC")}
    scores = score(gold, predicted)
    assert scores[ALL] == Counts(gold=2, predicted=2, correct=1)
    assert scores["PER"] == Counts(1, 1, 1)
    assert scores["LOC"] == Counts(1, 1, 0)
    assert scores[ALL].precision == scores[ALL].recall == scores[ALL].f1 == 0.5


def test_a_wrong_type_is_a_false_positive_of_its_type_and_a_false_negative_of_the_gold_type() -> None:
    scores = score({Span(0, 4, "PER")}, {Span(0, 4, "ORG")})
    assert scores["ORG"] == Counts(gold=0, predicted=1, correct=0)
    assert scores["PER"] == Counts(gold=1, predicted=0, correct=0)
    assert scores[ALL] == Counts(gold=1, predicted=1, correct=0)


def test_counts_add_and_empty_counts_score_zero() -> None:
    assert Counts(1, 2, 1) + Counts(3, 1, 1) == Counts(4, 3, 2)
    assert Counts().precision == Counts().recall == Counts().f1 == 0.0
    assert Counts(gold=4, predicted=2, correct=2).f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_every_error_falls_in_one_kind() -> None:
    gold = {Span(0, 4, "PER"), Span(10, 20, "ORG"), Span(30, 34, "LOC"), Span(40, 44, "MISC"), Span(50, 54, "PER")}
    predicted = {
        Span(0, 4, "ORG"),  # right span, wrong type
        Span(14, 20, "ORG"),  # inside the gold ORG
        Span(29, 34, "PER"),  # overlaps the gold LOC, wrong type
        Span(60, 64, "LOC"),  # overlaps nothing
        Span(50, 54, "PER"),  # correct
    }
    false_positives, false_negatives = classify_errors(gold, predicted)
    assert sorted(false_positives, key=lambda e: e[1].start) == [
        (ErrorKind.WRONG_TYPE, Span(0, 4, "ORG")),
        (ErrorKind.BOUNDARY, Span(14, 20, "ORG")),
        (ErrorKind.BOUNDARY_AND_TYPE, Span(29, 34, "PER")),
        (ErrorKind.SPURIOUS, Span(60, 64, "LOC")),
    ]
    assert sorted(false_negatives, key=lambda e: e[1].start) == [
        (ErrorKind.WRONG_TYPE, Span(0, 4, "PER")),
        (ErrorKind.BOUNDARY, Span(10, 20, "ORG")),
        (ErrorKind.BOUNDARY_AND_TYPE, Span(30, 34, "LOC")),
        (ErrorKind.MISSED, Span(40, 44, "MISC")),
    ]


def test_f1_if_fixed_withdraws_false_positives_and_finds_false_negatives() -> None:
    total = Counts(gold=10, predicted=10, correct=5)
    assert f1_if_fixed(total, false_positives=5, false_negatives=5) == 1.0
    assert f1_if_fixed(total, false_positives=0, false_negatives=0) == total.f1
    assert f1_if_fixed(total, false_positives=2, false_negatives=0) == Counts(10, 8, 5).f1


def test_f1_like_rescores_a_part_with_another_parts_precision_and_recall() -> None:
    total, part = Counts(gold=20, predicted=16, correct=10), Counts(gold=10, predicted=4, correct=2)
    lifted = f1_like(total, part, model=Counts(gold=10, predicted=10, correct=8))
    assert lifted == Counts(gold=20, predicted=22, correct=16)


def test_wrong_type_pairs_match_gold_and_prediction_by_place() -> None:
    gold = {Span(0, 4, "PER"), Span(5, 9, "LOC")}
    predicted = {Span(0, 4, "ORG"), Span(5, 9, "LOC"), Span(5, 8, "PER")}
    assert wrong_type_pairs(gold, predicted) == [(Span(0, 4, "PER"), Span(0, 4, "ORG"))]


def test_within_keeps_spans_that_start_in_a_range() -> None:
    spans = {Span(0, 3, "PER"), Span(8, 12, "LOC"), Span(12, 15, "ORG")}
    assert within(spans, [(0, 2), (10, 13)]) == {Span(0, 3, "PER"), Span(12, 15, "ORG")}


def test_trimmed_drops_a_leading_the_and_a_trailing_possessive() -> None:
    text = "the Zorblax Union 's vote and Quell ' and Thessaly"
    assert trimmed(text, Span(0, 20, "ORG")) == Span(4, 17, "ORG")
    assert trimmed(text, Span(30, 37, "PER")) == Span(30, 35, "PER")
    assert trimmed(text, Span(42, 50, "LOC")) == Span(42, 50, "LOC")
    assert trimmed(text, Span(0, 3, "MISC")) == Span(0, 3, "MISC")


def test_elsewhere_labels_are_the_types_of_the_same_surface_at_other_places() -> None:
    text = "Tavo beat TAVO and Tavo"
    predicted = [Span(0, 4, "ORG"), Span(10, 14, "LOC"), Span(19, 23, "ORG")]
    assert elsewhere_labels(text, Span(0, 4, "ORG"), predicted) == {"LOC", "ORG"}
    assert elsewhere_labels(text, Span(5, 9, "PER"), predicted) == set()


def test_main_skips_cleanly_without_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.md"
    assert main(["--eval-dir", str(tmp_path), "--report", str(report)]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not report.exists()
