"""The syndication corpus (deterministic, labelled, every operation really applied) and the dedup quality scoring."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bench import dedup_quality, minhash_cost
from bench.dedup_quality import Truth, score, truths
from bench.syndication import (
    DEFAULT_EVAL_DIR,
    EXACT,
    SEED_FILES,
    LabelledArticle,
    corpus,
    dedup_tokens,
    fingerprint,
    make_copy,
    negative_pairs,
    paragraphs,
    true_jaccard,
)
from services.cleaner.text import normalise_text
from services.contract.messages import DedupStatus

HAS_EVAL = (DEFAULT_EVAL_DIR / "ground-truth.json").exists()
SEED_TEXT = normalise_text(SEED_FILES[1].read_text())  # seed_003: eight paragraphs (seed_000 is one)
_BYLINE = re.compile(r"^(By [A-Z]|[A-Z][a-z]+ [A-Z][a-z]+ \| )")
_BOILERPLATE = re.compile(r"^(\(?Reporting\sby\s|©\s\d{4}\s|Read\smore:\s|.+\scontributed\sto\sthis\sreport\.)")


@pytest.fixture(scope="module")
def seeds_only(tmp_path_factory: pytest.TempPathFactory) -> list[LabelledArticle]:
    """The corpus without the evaluation data: the two seed articles and their copies."""
    return corpus(0, eval_dir=tmp_path_factory.mktemp("no-eval"))


@pytest.fixture(scope="module")
def full() -> list[LabelledArticle]:
    if not HAS_EVAL:
        pytest.skip(f"no article-extraction benchmark at {DEFAULT_EVAL_DIR}")
    return corpus(0)


def assert_ops_applied(source: str, copy: str, ops: tuple[str, ...]) -> None:
    """Each recorded operation left its mark on ``copy`` (made from ``source``)."""
    names = [op.split(":", 1)[0] for op in ops]
    if names == [EXACT]:
        assert copy == source
        return
    assert copy != source
    before, after = paragraphs(source), paragraphs(copy)
    added = sum(name in names for name in ("headline", "byline", "boilerplate"))
    assert len(after) == len(before) - ("drop_paragraph" in names) + added, ops
    if names == ["drop_paragraph"]:
        dropped = int(ops[0].split(":")[1])
        assert after == before[:dropped] + before[dropped + 1 :]
    if names == ["swap_paragraphs"]:
        assert sorted(after) == sorted(before) and after != before
    if names == ["typos"]:
        old, new = dedup_tokens(source), dedup_tokens(copy)
        assert len(old) == len(new)
        assert 1 <= sum(a != b for a, b in zip(old, new)) <= int(ops[0].split(":")[1])
    if names == ["typography"] or names == [EXACT]:
        assert fingerprint(copy) == fingerprint(source)
    if "headline" in names:
        assert after[0] not in before
    if "byline" in names:
        assert _BYLINE.match(after[1 if "headline" in names else 0]), after[:2]
    if "boilerplate" in names:
        assert _BOILERPLATE.match(after[-1]), after[-1]


# ---- the generator -----------------------------------------------------------


def test_same_seed_same_corpus(seeds_only: list[LabelledArticle], tmp_path: Path) -> None:
    again = corpus(0, eval_dir=tmp_path / "absent")
    assert again == seeds_only
    assert corpus(1, eval_dir=tmp_path / "absent") != seeds_only


def test_same_seed_same_full_corpus(full: list[LabelledArticle]) -> None:
    assert corpus(0) == full


def test_at_least_a_thousand_articles_from_the_benchmark(full: list[LabelledArticle]) -> None:
    assert len(full) >= 1000
    assert len({a.article_id for a in full}) == len(full)
    groups = {a.group for a in full}
    assert len(groups) > 150
    assert all(a.group in groups and a.article_id.startswith(a.group) for a in full)


def test_originals_arrive_first_and_copies_are_interleaved(full: list[LabelledArticle]) -> None:
    position = {a.article_id: i for i, a in enumerate(full)}
    for a in full:
        if not a.is_original:
            assert position[a.group] < position[a.article_id]
            assert a.derived_from is not None and position[a.derived_from] < position[a.article_id]
    # Bursts overlap: some copy arrives after another group's original that arrived after its own original.
    groups_in_order = [a.group for a in full]
    assert sum(1 for x, y in zip(groups_in_order, groups_in_order[1:]) if x != y) > len({*groups_in_order})


def test_every_copy_has_its_operations_applied(seeds_only: list[LabelledArticle]) -> None:
    by_id = {a.article_id: a for a in seeds_only}
    copies = [a for a in seeds_only if not a.is_original]
    assert copies
    for copy in copies:
        assert copy.derived_from is not None
        assert_ops_applied(by_id[copy.derived_from].text, copy.text, copy.ops)


def test_every_copy_of_the_full_corpus_has_its_operations_applied(full: list[LabelledArticle]) -> None:
    by_id = {a.article_id: a for a in full}
    for copy in full:
        if not copy.is_original:
            assert_ops_applied(by_id[copy.derived_from or ""].text, copy.text, copy.ops)


def test_every_operation_on_many_draws() -> None:
    seen: set[str] = set()
    for i in range(400):
        text, ops = make_copy(random.Random(i), SEED_TEXT)
        assert_ops_applied(SEED_TEXT, text, ops)
        seen.update(op.split(":", 1)[0] for op in ops)
    assert seen == {"exact_copy", "headline", "byline", "drop_paragraph", "swap_paragraphs", "boilerplate",
                    "typos", "typography"}


def test_a_dropped_paragraph_copy_has_fewer_paragraphs() -> None:
    for i in range(400):
        text, ops = make_copy(random.Random(i), SEED_TEXT)
        if [op.split(":")[0] for op in ops] == ["drop_paragraph"]:
            assert len(paragraphs(text)) == len(paragraphs(SEED_TEXT)) - 1
            return
    pytest.fail("no drop-only copy in 400 draws")


def test_labels_are_the_true_jaccard_and_exact_copies_score_one(seeds_only: list[LabelledArticle]) -> None:
    by_id = {a.article_id: a for a in seeds_only}
    exact = 0
    for a in seeds_only:
        assert a.true_jaccard_to_original == pytest.approx(true_jaccard(a.text, by_id[a.group].text))
        if a.is_original:
            assert a.true_jaccard_to_original == 1.0
        if a.ops == (EXACT,):
            exact += 1
            source = by_id[a.derived_from or ""]
            assert true_jaccard(a.text, source.text) == 1.0
            assert a.true_jaccard_to_original == source.true_jaccard_to_original
    assert true_jaccard(SEED_TEXT, SEED_TEXT) == 1.0
    assert exact or any(EXACT in make_copy(random.Random(i), SEED_TEXT)[1] for i in range(50))


def test_negatives_are_pairs_of_different_groups(seeds_only: list[LabelledArticle]) -> None:
    pairs = negative_pairs(seeds_only, 20)
    group = {a.article_id: a.group for a in seeds_only}
    assert len(pairs) == 20
    assert all(group[p.first] != group[p.second] and not p.same_group and p.true_jaccard < 0.2 for p in pairs)


# ---- scoring -----------------------------------------------------------------


def test_truth_is_measured_against_every_earlier_group_member() -> None:
    base = " ".join(f"w{i}" for i in range(100))
    articles = [
        LabelledArticle("a", "a", base, (), 1.0),
        LabelledArticle("b", "b", "something else entirely, " * 10, (), 1.0),
        LabelledArticle("a/c1", "a", base + " extra words at the end here", ("boilerplate",), 0.0, "a"),
        LabelledArticle("a/c2", "a", base.upper(), ("typography",), 1.0, "a"),
    ]
    labels = truths(articles)
    assert [t.best_earlier_jaccard for t in labels[:2]] == [0.0, 0.0]
    assert 0.9 < labels[2].best_earlier_jaccard < 1.0 and not labels[2].exact_earlier
    assert labels[3].exact_earlier and labels[3].best_earlier_jaccard == 1.0


def test_precision_and_recall_on_hand_made_labels() -> None:
    labels = [
        Truth("a0", "A", 0.0),
        Truth("a1", "A", 0.9),
        Truth("a2", "A", 0.6),
        Truth("a3", "A", 1.0, exact_earlier=True),
        Truth("b0", "B", 0.0),
        Truth("b1", "B", 0.85),
    ]
    verdicts = {
        "a0": (DedupStatus.UNIQUE, None),
        "a1": (DedupStatus.NEAR_DUPLICATE, "a0"),  # true positive
        "a2": (DedupStatus.NEAR_DUPLICATE, "a0"),  # own group, below 0.8
        "a3": (DedupStatus.EXACT_DUPLICATE, "a0"),  # true positive
        "b0": (DedupStatus.NEAR_DUPLICATE, "a0"),  # merged into another group
        "b1": (DedupStatus.UNIQUE, None),  # missed
    }
    q = score(labels, verdicts, 0.8)
    assert (q.positives, q.flagged, q.exact, q.near) == (3, 4, 1, 3)
    assert (q.true_positives, q.cross_group, q.same_group_below, q.false_negatives) == (2, 1, 1, 1)
    assert q.precision == pytest.approx(2 / 3)
    assert q.strict_precision == pytest.approx(2 / 4)
    assert q.recall == pytest.approx(2 / 3)
    assert (q.groups, q.groups_one_unique, q.groups_one_unique_expected) == (2, 2, 1)

    lower = score(labels, verdicts, 0.5)  # a2 is now a positive, and caught
    assert (lower.positives, lower.true_positives, lower.same_group_below) == (4, 3, 0)
    assert lower.recall == pytest.approx(3 / 4)


def test_nothing_flagged_has_no_precision() -> None:
    q = score([Truth("a0", "A", 0.0), Truth("a1", "A", 0.95)], {
        "a0": (DedupStatus.UNIQUE, None), "a1": (DedupStatus.UNIQUE, None)}, 0.8)
    assert q.recall == 0.0 and q.precision != q.precision  # NaN: no verdict to be right or wrong about


@pytest.mark.parametrize("module", [dedup_quality, minhash_cost])
def test_reports_skip_cleanly_without_the_data(
    module: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.md"
    main = module.main  # type: ignore[attr-defined]
    assert main(["--eval-dir", str(tmp_path / "absent"), "--report", str(report)]) == 0
    assert capsys.readouterr().out.startswith("skipped:")
    assert not report.exists()
