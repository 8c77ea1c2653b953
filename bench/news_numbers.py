"""Number facts on news sentences: the enricher beside quantulum3, Recognizers-Text and a naive spaCy baseline.

    python -m bench.news_numbers [--eval-dir DIR] [--report bench/reports/news_numbers.md]

The set is ``bench/news_quantities.jsonl`` (rules: ``bench/NEWS_QUANTITIES.md``): news sentences with every number
in them labelled by hand, split by source into a *dev* half (its errors are listed, to fix from) and a *test* half
(only its figures are reported). Each system reads each sentence on its own, as the maintainers' held-out set of
news sentences is read. The sentences are quoted in the set with their source; the bench checks each one is still
in its source (the article-extraction-benchmark body under ``--eval-dir``, a seed file, a wire sample through the
cleaner) and skips cleanly when the benchmark data is absent.

Scoring (value P/R/F1, the same for every system; the adapters are ``bench.number_systems``):

- A fact **pairs** with a labelled quantity when their spans overlap and the fact holds the labelled value (its
  value, or for a range fact its low end, high end or midpoint; ``bench.number_scoring.holds``). A labelled range
  is held by a fact holding its low end, its high end or its midpoint; a label with no value (approximate amounts,
  dates) pairs with any overlapping fact. Each fact and each label pair at most once.
- **Recall** = paired labels / labels; **precision** = paired facts / facts (every fact a system gives is scored:
  the set labels every number); **F1** their harmonic mean.
- **All published facts**: every label and every fact. **Without date/year/ordinal**: labels of those kinds and
  facts of those kinds are both left out (the maintainers' set does not annotate them); a fact of another kind
  over a year or an ordinal ("2019" read as a count) still counts against precision.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.number_scoring import Found, f1, holds, overlaps, ratio
from bench.number_systems import System, all_systems
from bench.report_file import write_report
from services.contract.messages import CALENDAR_KINDS
from services.enricher import number_words as W

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
LABELS = Path(__file__).with_name("news_quantities.jsonl")
AEB_TRUTH = Path("article-extraction-benchmark") / "ground-truth.json"
TEST_DATA = ROOT / "tests" / "data"
COMMAND = "python -m bench.news_numbers"
"""Kinds the maintainers' held-out news set does not annotate."""
SPLITS = ("dev", "test")
TARGET_WITHOUT_CALENDAR = 0.93
TARGET_ALL = 0.90


# ---- the set -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    """Offsets in the sentence, end exclusive."""
    surface: str
    kind: str
    value: float | None
    """None: an approximate amount or a date (span-only)."""
    high: float | None = None
    """The high end of a labelled range (``value`` is its low end)."""
    unit: str | None = None

    def held_by(self, f: Found) -> bool:
        if not overlaps(self.start, self.end, f.start, f.end):
            return False
        if self.value is None:
            return True
        wanted = [self.value] if self.high is None else [self.value, self.high, (self.value + self.high) / 2]
        return any(holds(f, v) for v in wanted)


@dataclass(frozen=True, slots=True)
class Sentence:
    doc: str
    split: str
    text: str
    quantities: tuple[Quantity, ...]


def split_of(doc: str) -> str:
    """dev or test, fixed by the source: the parity of the SHA-256 of the doc id (all of one article together)."""
    return SPLITS[int(hashlib.sha256(doc.encode()).hexdigest(), 16) % 2]


def parse_set(lines: Sequence[str]) -> list[Sentence]:
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = json.loads(line)
        quantities = tuple(Quantity(**q) for q in row["quantities"])
        for q in quantities:
            if row["sentence"][q.start:q.end] != q.surface:
                raise ValueError(f"line {number}: {q.surface!r} is not at {q.start}:{q.end}")
        if row["split"] != split_of(row["doc"]):
            raise ValueError(f"line {number}: {row['doc']} belongs to {split_of(row['doc'])}, not {row['split']}")
        out.append(Sentence(row["doc"], row["split"], row["sentence"], quantities))
    return out


def source_texts(eval_dir: Path, docs: set[str]) -> dict[str, str]:
    """The text each doc id names: AEB bodies, seed files, and English wire samples as the cleaner reads them."""
    texts: dict[str, str] = {}
    truth = json.loads((eval_dir / AEB_TRUTH).read_text())
    for doc in docs:
        kind, _, name = doc.partition(":")
        if kind == "aeb":
            texts[doc] = truth[name]["articleBody"]
        elif kind == "seed":
            texts[doc] = (TEST_DATA / f"{name}.txt").read_text()
        elif kind == "wire":
            texts[doc] = _wire_text(name)
    return texts


def _wire_text(name: str) -> str:
    from services.cleaner.logic import process
    from services.config import CleanerOptions

    path, _, item = name.partition("#")
    outputs = process((TEST_DATA / path).read_bytes(), CleanerOptions(), datetime(2025, 12, 13, tzinfo=UTC))
    return outputs[int(item or 0)].value.text


def check_sources(sentences: Sequence[Sentence], texts: dict[str, str]) -> list[str]:
    """The sentences no longer found in their source (a changed cleaner, another benchmark version)."""
    return [f"{s.doc}: {s.text[:60]!r}" for s in sentences if s.text not in texts.get(s.doc, "")]


# ---- scoring -----------------------------------------------------------------------------------------------------


@dataclass
class NewsScore:
    labels: int = 0
    matched: int = 0
    facts: int = 0
    facts_matched: int = 0

    @property
    def recall(self) -> float:
        return ratio(self.matched, self.labels)

    @property
    def precision(self) -> float:
        return ratio(self.facts_matched, self.facts)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def pair(quantities: Sequence[Quantity], found: Sequence[Found]) -> list[int | None]:
    """For each label, the index of the fact paired with it: the unpaired holding fact with the widest overlap."""
    used: set[int] = set()
    pairs: list[int | None] = []
    for q in quantities:
        candidates = [(min(q.end, f.end) - max(q.start, f.start), -i, i) for i, f in enumerate(found)
                      if i not in used and q.held_by(f)]
        best = max(candidates, default=None)
        pairs.append(None if best is None else best[2])
        if best is not None:
            used.add(best[2])
    return pairs


def scored(sentence: Sentence, found: Sequence[Found], without_calendar: bool,
           published_facts: bool = False) -> tuple[NewsScore, list, list]:
    """The score of one sentence, its missed labels and its unpaired facts. ``without_calendar`` leaves out the
    labels of date/year/ordinal kinds, and the facts of those kinds unless ``published_facts``: then every fact
    published as a number fact stays, whatever its kind,
    and count against precision, as on a set that does not annotate them (the maintainers' held-out set, scored on
    "all published facts")."""
    quantities = [q for q in sentence.quantities if not (without_calendar and q.kind in CALENDAR_KINDS)]
    facts = [f for f in found if f.number_event] if published_facts else \
        [f for f in found if not (without_calendar and f.kind in CALENDAR_KINDS)]
    pairs = pair(quantities, facts)
    paired = {i for i in pairs if i is not None}
    misses = [q for q, p in zip(quantities, pairs, strict=True) if p is None]
    extra = [f for i, f in enumerate(facts) if i not in paired]
    return NewsScore(len(quantities), len(paired), len(facts), len(paired)), misses, extra


def total(sentences: Sequence[Sentence], found: Sequence[Sequence[Found]], split: str,
          without_calendar: bool, published_facts: bool = False) -> NewsScore:
    out = NewsScore()
    for s, f in zip(sentences, found, strict=True):
        if s.split == split:
            one = scored(s, f, without_calendar, published_facts)[0]
            out.labels += one.labels
            out.matched += one.matched
            out.facts += one.facts
            out.facts_matched += one.facts_matched
    return out


_NUMERAL_WORDS = frozenset({*W.SMALL_NUMBERS, *W.ORDINAL_WORDS, *W.SCALES, *W.MULTIPLIERS, *W.PLURAL_MULTIPLIERS,
                            *W.APPROXIMATE_SCALES, *W.SINGULAR_DENOMINATORS, *W.PLURAL_DENOMINATORS, "half",
                            *W.MULTIPLE_WORDS})  # the rules label "twice" as a count


def numeral_less(f: Found) -> bool:
    """A fact written without any numeral ("Monday", "today", "a year"): the set's rules label only numerals."""
    return not any(c.isdigit() for c in f.text) and \
        not any(w.strip(".,") in _NUMERAL_WORDS for w in f.text.lower().replace("-", " ").split())


def without_numeral_less(found: Sequence[Sequence[Found]]) -> list[list[Found]]:
    return [[f for f in facts if not numeral_less(f)] for facts in found]


# ---- the report --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    system: System
    found: list[list[Found]]
    seconds: float


def _f(x: float) -> str:
    return "–" if math.isnan(x) else f"{x:.3f}"


def _prf(s: NewsScore) -> str:
    return f"{_f(s.f1)} ({_f(s.precision)} / {_f(s.recall)})"


SCORINGS = ((True, False), (False, False), (True, True))
"""(without_calendar, published_facts) of the table's columns: calendar kinds left out on both sides; every
label and fact; every fact against the labels without calendar kinds, as the held-out set scores "all facts"."""


def figures_table(sentences: Sequence[Sentence], runs: Sequence[Run], missing: Sequence[System]) -> list[str]:
    lines = ["| system | test, no date/year/ordinal | test, all facts | test, published number facts, labels without "
             "date/year/ordinal | dev, no date/year/ordinal | dev, all facts | dev, published number facts, labels "
             "without date/year/ordinal |",
             "|---|---|---|---|---|---|---|"]
    for run in runs:
        cells = [_prf(total(sentences, run.found, split, without, facts_count))
                 for split in ("test", "dev") for without, facts_count in SCORINGS]
        lines.append(f"| {run.system.name} | " + " | ".join(cells) + " |")
    lines += [f"| {s.name} | {s.missing} | | | | | |" for s in missing]
    return lines


def set_section(sentences: Sequence[Sentence], stale: Sequence[str]) -> list[str]:
    lines = ["## The set", "", "| | sentences | labels | of them date/year/ordinal | sources |", "|---|---|---|---|---|"]
    for split in SPLITS:
        part = [s for s in sentences if s.split == split]
        labels = [q for s in part for q in s.quantities]
        sources = Counter(s.doc.split(":", 1)[0] for s in part)
        lines.append(f"| {split} | {len(part)} | {len(labels)} | {sum(q.kind in CALENDAR_KINDS for q in labels)} | "
                     + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())) + " |")
    kinds = Counter(q.kind for s in sentences for q in s.quantities)
    lines += ["", "Labels by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()) + ".",
              (f"Sentences without any label (every number in them is a name, a time, a score, …): "
              f"{sum(not s.quantities for s in sentences)}."), ""]
    if stale:
        lines += ["**Sentences no longer found in their source** (check the set):", "", *[f"- {x}" for x in stale],
                  ""]
    return lines


def _fact(f: Found) -> str:
    extra = f" {f.low:g}–{f.high:g}" if f.low is not None and f.high is not None else ""
    return f"`{f.text}` → {f.kind} {f.value:g}{extra}{' ' + f.unit if f.unit else ''}"


def dev_errors(sentences: Sequence[Sentence], run: Run) -> list[str]:
    """Every enricher error on the dev half (all facts), as the fixes read them."""
    lines = [f"## {run.system.name} errors on the dev half (all facts)", "",
             "The test half's errors are not listed: it is only for the figures.", "",
             "| sentence | labels missed | facts paired with no label |", "|---|---|---|"]
    for s, found in zip(sentences, run.found, strict=True):
        if s.split != "dev":
            continue
        _, misses, extra = scored(s, found, without_calendar=False)
        if misses or extra:
            missed = "; ".join(f"`{q.surface}` {q.kind} {'~' if q.value is None else f'{q.value:g}'}"
                               for q in misses)
            text = s.text.replace("|", "\\|")
            lines.append(f"| {text} | {missed} | {'; '.join(map(_fact, extra)).replace('|', '/')} |")
    return lines + [""]


HOW_TO_READ = [
    ("Each cell: value F1 (precision / recall). *No date/year/ordinal* leaves out labels and facts of those kinds "
    "(the maintainers' held-out news set does not annotate them); *all facts* scores every fact a system gives "
    "against every label (the enricher's `dates_and_ordinals` included); *published number facts, labels without "
    "date/year/ordinal* scores every fact a system publishes as a number (the enricher: its `numbers`, what "
    "`news.numbers` carries; every other system: all it gives) against the labels of the other kinds, so each date, "
    "year and ordinal published as a number costs precision, as on the held-out set (the issue's \"counting all "
    "published facts\"; the headline's second figure). A labelled range pairs with a fact holding "
    "its low end, high end or midpoint; an approximate amount or a date pairs with any fact over it. Rules: "
    "`bench/NEWS_QUANTITIES.md`; scoring: `bench/news_numbers.py`."),
    "",
]


def evaluate(sentences: Sequence[Sentence], stale: Sequence[str], systems: Sequence[System] | None = None,
             command: str = COMMAND) -> str:
    systems = all_systems() if systems is None else systems
    texts = [s.text for s in sentences]
    runs = []
    for system in systems:
        if system.read is None:
            continue
        began = time.perf_counter()
        found = system.read(texts)
        runs.append(Run(system, found, time.perf_counter() - began))
    missing = [s for s in systems if s.read is None]
    enricher = next((r for r in runs if r.system.name == "enricher"), None)
    test = {r.system.name: total(sentences, r.found, "test", True) for r in runs}
    # "all published facts" as the held-out set counts them: every published fact, against the labels without
    # calendar kinds
    test_all = {r.system.name: total(sentences, r.found, "test", True, published_facts=True) for r in runs}
    lines = [
        "# Number facts on news sentences: the enricher beside quantulum3, Recognizers-Text and naive spaCy",
        "",
        f"Generated by `{command}` (all systems in this one run, on the same sentences).",
        "",
    ]
    if enricher is not None:
        lines += [
            (f"**Headline (test half)**: enricher value F1 {_f(test['enricher'].f1)} without date/year/ordinal "
            f"(target {TARGET_WITHOUT_CALENDAR}), {_f(test_all['enricher'].f1)} counting all published facts against "
            f"the labels without those kinds, as the held-out set does (target {TARGET_ALL}); naive spaCy "
            f"{_f(test.get('naive spaCy', NewsScore()).f1)} / {_f(test_all.get('naive spaCy', NewsScore()).f1)}."),
            "",
        ]
    diagnosis = []
    if enricher is not None:
        for split in ("test", "dev"):
            extra = sum(numeral_less(f) for s, found in zip(sentences, enricher.found, strict=True)
                        if s.split == split for f in found)
            kept = total(sentences, without_numeral_less(enricher.found), split, False)
            diagnosis.append(f"{split}: {extra} facts written without a numeral (weekdays, \"today\", \"a year\"), "
                             f"all-facts F1 {_prf(kept)} without them")
        diagnosis = ["Enricher facts the rules never label, all facts: " + "; ".join(diagnosis) + ".", ""]
    lines += [*HOW_TO_READ, *figures_table(sentences, runs, missing), "", *diagnosis,
              "Systems: " + "; ".join(f"{r.system.name} ({r.system.version}, {r.seconds:.1f} s)" for r in runs) + ".",
              "", *set_section(sentences, stale)]
    if enricher is not None:
        lines += dev_errors(sentences, enricher)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/news_numbers.md"))
    parser.add_argument("--systems", default=None,
                        help="comma-separated system names to run (default: all); for iterating, not for reports")
    args = parser.parse_args(argv)
    if not (args.eval_dir / AEB_TRUTH).is_file():
        print(f"skipped: no article-extraction-benchmark ground truth at {args.eval_dir / AEB_TRUTH}")
        return 0
    sentences = parse_set(LABELS.read_text().splitlines())
    stale = check_sources(sentences, source_texts(args.eval_dir, {s.doc for s in sentences}))
    systems = all_systems()
    if args.systems:
        wanted = set(args.systems.split(","))
        systems = [s for s in systems if s.name in wanted]
    command = " ".join([COMMAND, *(argv if argv is not None else sys.argv[1:])])
    write_report(args.report, evaluate(sentences, stale, systems, command=command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
