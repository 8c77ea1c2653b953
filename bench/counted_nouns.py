"""The labelled counted-noun set (``bench/counted_nouns.jsonl``) and its scoring.

Each line labels one count in a text: ``doc`` ("aeb:<id>": an article-extraction-benchmark ``articleBody``, read at
run time from ``../shared/eval``; "seed:<name>": ``tests/data/<name>.txt``), the character span ``start``/``end``
of the number as written (``surface``, checked when loading), its ``value`` (null for an approximate amount:
"dozens", "tens of thousands") and ``counted``, the lemma of the noun it counts. The rules are in
``bench/COUNTED_NOUNS.md``; the labels were read by hand, never taken from a system's output.

Scoring: the reading over a label is the system's fact overlapping its span (the one holding the labelled value
when there are several). Counted-noun accuracy = labels whose reading has the labelled noun (case-insensitive;
"person" and "people" are one noun) / labels. Value recall = labels with a value whose reading holds it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.number_scoring import Found, holds, overlaps

LABELS = Path(__file__).with_name("counted_nouns.jsonl")
SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data"
AEB_TRUTH = Path("article-extraction-benchmark") / "ground-truth.json"
SAME_NOUN = {"person": "people"}


@dataclass(frozen=True, slots=True)
class Label:
    doc: str
    start: int
    end: int
    surface: str
    value: float | None
    counted: str


@dataclass(frozen=True, slots=True)
class CountedSet:
    labels: tuple[Label, ...]
    docs: tuple[str, ...]
    texts: tuple[str, ...]
    """One text per doc, in ``docs`` order: the inputs the systems read."""
    left_out: int = 0
    """Labels of documents that are not available here (the AEB data absent)."""

    @property
    def source_summary(self) -> str:
        per = Counter(label.doc.split(":", 1)[0] for label in self.labels)
        articles = sum(d.startswith("aeb:") for d in self.docs)
        text = f"{per['aeb']} in {articles} AEB articles, {per['seed']} in the seeds"
        return text + (f"; {self.left_out} left out: their AEB articles are absent" if self.left_out else "")


def parse_labels(lines: Sequence[str]) -> list[Label]:
    return [Label(**json.loads(line)) for line in lines if line.strip()]


def load(eval_dir: Path, labels_path: Path = LABELS) -> tuple[CountedSet | None, str | None]:
    """The set with the texts it needs, or None and why. Labels of absent AEB articles are left out."""
    if not labels_path.exists():
        return None, f"no {labels_path.name}"
    labels = parse_labels(labels_path.read_text(encoding="utf-8").splitlines())
    truth_path = eval_dir / AEB_TRUTH
    truth = json.loads(truth_path.read_text(encoding="utf-8")) if truth_path.exists() else {}
    texts: dict[str, str] = {}
    for doc in dict.fromkeys(label.doc for label in labels):
        kind, name = doc.split(":", 1)
        if kind == "seed":
            texts[doc] = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        elif name in truth:
            texts[doc] = truth[name]["articleBody"]
    kept = [label for label in labels if label.doc in texts]
    for label in kept:
        if texts[label.doc][label.start:label.end] != label.surface:
            raise ValueError(f"{labels_path.name}: {label.doc} [{label.start}:{label.end}] is not {label.surface!r}")
    if not kept:
        return None, f"none of its texts are here (AEB data absent at {truth_path})"
    docs = tuple(dict.fromkeys(label.doc for label in kept))
    return CountedSet(tuple(kept), docs, tuple(texts[d] for d in docs), len(labels) - len(kept)), None


def reading_over(label: Label, found: Sequence[Found]) -> Found | None:
    over = [f for f in found if overlaps(label.start, label.end, f.start, f.end)]
    holding = [f for f in over if label.value is not None and holds(f, label.value)]
    return next(iter(holding or over), None)


def same_noun(want: str, got: str | None) -> bool:
    if got is None:
        return False
    want, got = want.lower(), got.lower()
    return SAME_NOUN.get(want, want) == SAME_NOUN.get(got, got)


def label_class(label: Label, text: str) -> str:
    """What kind of count the label is, for the per-class accuracy."""
    after = text[label.end:label.end + 4]
    if label.value is None:
        return "approximate (dozens of, tens of thousands)"
    if after.startswith("-"):
        return "hyphenated modifier (a two-goal performance)"
    if after.startswith((" of ", " out")):
        return "partitive (three of those companies)"
    if re.search(r"[a-z]", label.surface.lower()) and re.search(r"\d", label.surface):
        return "digits and a scale word (1.4 million, 50 lakh)"
    if not re.search(r"\d", label.surface):
        return "number words (two, a dozen, a million)"
    return "digits (123, 30,154)"


@dataclass(frozen=True, slots=True)
class Wrong:
    label: Label
    context: str
    got: str
    """What the system gave: its noun, or why there is none."""
    why: str


@dataclass
class CountedScore:
    total: int = 0
    right: int = 0
    covered: int = 0
    """Labels some fact overlaps."""
    valued: int = 0
    value_found: int = 0
    by_class: Counter[str] = field(default_factory=Counter)
    right_by_class: Counter[str] = field(default_factory=Counter)
    wrong: list[Wrong] = field(default_factory=list)

    def wrong_by_class(self) -> list[tuple[str, list[Wrong]]]:
        groups: dict[str, list[Wrong]] = {}
        for w in self.wrong:
            groups.setdefault(w.why, []).append(w)
        return sorted(groups.items(), key=lambda kv: -len(kv[1]))


def score(counted_set: CountedSet, readings: Sequence[Sequence[Found]]) -> CountedScore:
    """``readings``: one list of facts per text of the set, in its order."""
    by_doc = dict(zip(counted_set.docs, zip(counted_set.texts, readings, strict=True), strict=True))
    s = CountedScore()
    for label in counted_set.labels:
        text, found = by_doc[label.doc]
        fact = reading_over(label, found)
        klass = label_class(label, text)
        s.total += 1
        s.by_class[klass] += 1
        s.covered += fact is not None
        if label.value is not None:
            s.valued += 1
            s.value_found += fact is not None and holds(fact, label.value)
        if fact is not None and same_noun(label.counted, fact.counted):
            s.right += 1
            s.right_by_class[klass] += 1
            continue
        if fact is None:
            why, got = "no fact over the number", "no fact"
        elif fact.kind != "count":
            why, got = "read as another kind", f"{fact.kind} `{fact.text}`"
        elif fact.counted is None:
            why, got = "a count without a counted noun", "none"
        else:
            why, got = "another noun", fact.counted
        context = text[max(label.start - 40, 0):label.end + 40]
        s.wrong.append(Wrong(label, context, got, why))
    return s
