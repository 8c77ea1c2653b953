"""Number-fact quality: the enricher beside quantulum3, Recognizers-Text and a naive spaCy baseline, in one run.

    python -m bench.number_quality [--eval-dir DIR] [--report bench/reports/number_quality.md]

Every system reads the same inputs: quantulum3's ``quantities.json`` and the Recognizers-Text English specs, and
(for counted nouns) the labelled counts of ``bench/counted_nouns.jsonl``. Scoring is the same for all
(``bench.number_scoring``: pairing, ranges, scope); the adapters are in ``bench.number_systems``. Data is read at
run time from ``../shared/eval`` (MIT); the bench skips cleanly when it is absent, and a library that is not
installed gets "not installed" in its column.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import counted_nouns as cn
from bench.number_misses import PATTERNS, failure_pattern
from bench.number_scoring import Found, Miss, Score, case_result, ratio, score
from bench.number_specs import UNUSED_FILES, Dataset, load_all, unit_target
from bench.number_systems import System, all_systems, in_spec_units
from bench.report_file import write_report

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
COMMAND = "python -m bench.number_quality"
EXAMPLES = 4
HEADLINE_TARGET = 0.93
LIBRARIES = ("quantulum3", "Recognizers-Text")


@dataclass(frozen=True, slots=True)
class Run:
    """One system's scores: per spec (in ``datasets`` order), and on the counted-noun set."""

    system: System
    scores: tuple[Score, ...]
    counted: cn.CountedScore | None
    seconds: float


def run_system(system: System, datasets: Sequence[Dataset], counted_set: cn.CountedSet | None) -> Run:
    assert system.read is not None
    began = time.perf_counter()
    texts = [c.text for d in datasets for c in d.cases]
    reads_counted = counted_set is not None and system.gives_counted_noun
    extra = list(counted_set.texts) if counted_set and reads_counted else []
    readings = system.read(texts + extra)
    scores, offset = [], 0
    for d in datasets:
        results = [case_result(c.text, c.expected, [in_spec_units(f, d.spec) for f in found])
                   for c, found in zip(d.cases, readings[offset:offset + len(d.cases)], strict=True)]
        scores.append(score(d.spec, results))
        offset += len(d.cases)
    counted = cn.score(counted_set, readings[offset:]) if counted_set and reads_counted else None
    return Run(system, tuple(scores), counted, time.perf_counter() - began)


def pooled(datasets: Sequence[Dataset], run: Run) -> Score:
    return sum((s for d, s in zip(datasets, run.scores, strict=True) if d.spec.values_given), Score())


# ---- formatting --------------------------------------------------------------------------------------------------


def _num(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.3f}"


def _frac(part: int, whole: int) -> str:
    return f"{part}/{whole} = {_num(ratio(part, whole))}" if whole else "–"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fact(f: Found) -> str:
    extra = [x for x in (f.unit and f"unit {f.unit}", f.counted and f"counted {f.counted}",
                         f.low is not None and f"range {f.low:g}–{f.high:g}") if x]
    return f"`{f.text}` {f.kind} {f.value:g}" + (f" ({', '.join(extra)})" if extra else "")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in rows)]


# ---- sections ----------------------------------------------------------------------------------------------------


def headline(datasets: Sequence[Dataset], runs: Sequence[Run], missing: Sequence[System]) -> list[str]:
    figures = [f"{r.system.name} {_num(pooled(datasets, r).f1)}" for r in runs]
    figures += [f"{s.name} not installed" for s in missing]
    line = (f"**Headline: value F1 over the quantulum3 + Recognizers-Text specs (pooled, target ≥ {HEADLINE_TARGET} "
            f"and above each library on each spec): {'; '.join(figures)}.**")
    enricher = next((r for r in runs if r.system.name == "enricher"), None)
    libraries = [r for r in runs if r.system.name in LIBRARIES]
    if enricher is None or not libraries:
        return [line]
    valued = [i for i, d in enumerate(datasets) if d.spec.values_given]
    above = [datasets[i].spec.name for i in valued
             if all(enricher.scores[i].f1 > lib.scores[i].f1 for lib in libraries)]
    return [line, "", f"The enricher is above {' and '.join(r.system.name for r in libraries)} on {len(above)} of "
            f"{len(valued)} specs with values" + (f" ({', '.join(above)})." if above else ".")]


HOW_TO_READ = [
    "## How to read",
    "",
    "- Each system reads every input once; a column per system. *not installed* means that library is missing "
    "here (`pip install -e '.[bench]'`), never a crash. The enricher's readings are its `numbers` and its "
    "`dates_and_ordinals` (read alike, published apart): the specs measure the reading.",
    "- **Value F1** pairs a fact with an expected quantity when their spans overlap and the fact holds the expected "
    "value (1e-6 relative). **Recall** = paired expected / expected; **precision** = paired facts / facts in the "
    "spec's scope (facts over an expected quantity, or of the kind the spec annotates every instance of: money in "
    "Currency; every kind in Number and quantulum3). Pooled figures sum the counts over the specs with values.",
    "- **Ranges**: one fact with a low and a high end (\"3 to 4 L\") holds its midpoint and both ends and pairs "
    "with whichever the spec expects (quantulum3: the midpoint 3.5; Recognizers: the annotated end, \"40 - 50 "
    "years old\" = 50). Two separate facts pair only where the spec annotates the numbers separately. Same rule "
    "for every system; quantulum3 gives ranges as a value ± uncertainty, the enricher as `low`/`high` where it "
    "has them, Recognizers (Python) and the baseline never.",
    "- **Kinds and units** are mapped into ours (count, money, percent, quantity, duration, age, …; USD, %, km, "
    "years, …) by `bench/number_specs.py`; agreement is scored on paired facts whose expected quantity has a unit, "
    "the unit only where the map names one of ours.",
    "- **Home advantage**: `quantities.json` is quantulum3's own test set and the Recognizers specs are "
    "Recognizers-Text's own (python-unsupported cases left out), so each library is scored on cases its authors "
    "made it pass.",
    "- **Counted nouns**: on `bench/counted_nouns.jsonl` (rules in `bench/COUNTED_NOUNS.md`), a labelled count is "
    "right when the system has a fact over the number whose counted noun is the label.",
]


def systems_section(runs: Sequence[Run], missing: Sequence[System], setup_seconds: float) -> list[str]:
    rows = [[r.system.name, r.system.version, f"{r.seconds:.1f} s"] for r in runs]
    rows += [[s.name, s.missing or "", "–"] for s in missing]
    return ["", "## Systems", "", *_table(["system", "version", "wall time (load + all inputs)"], rows), "",
            f"Reading the data: {setup_seconds:.2f} s."]


def data_section(datasets: Sequence[Dataset], eval_dir: Path) -> list[str]:
    rows = [[d.spec.name, f"`{d.spec.path}`", str(d.total_cases), str(d.unsupported), str(d.filtered),
             str(len(d.cases)), str(d.expected_count), str(d.valueless)] for d in datasets]
    return ["", "## Data", "", f"From `{eval_dir}`.", "",
            *_table(["spec", "file", "cases", "python-unsupported", "left out", "scored cases", "expected quantities",
                     "results not scored"], rows),
            "", "Left out: DateTimeModel cases with a result other than a duration. DurationExtractor has spans but "
            "no values: span recall only, outside the pooled figures. Results without a value (a bare \"dollar\") "
            "are not scored. Not used:", "",
            *(f"- `{path}`: {why}" for path, why in UNUSED_FILES.items())]


def value_section(datasets: Sequence[Dataset], runs: Sequence[Run], missing: Sequence[System]) -> list[str]:
    header = ["spec", "expected", *(r.system.name for r in runs), *(s.name for s in missing)]
    rows = []
    for i, d in enumerate(datasets):
        if d.spec.values_given:
            cells = [f"**{_num(r.scores[i].f1)}** (P {_num(r.scores[i].precision)}, R {_num(r.scores[i].recall)})"
                     for r in runs]
        else:
            cells = [f"span recall {_frac(r.scores[i].spanned, r.scores[i].expected)}" for r in runs]
        rows.append([d.spec.name, str(d.expected_count), *cells, *("not installed" for _ in missing)])
    totals = [pooled(datasets, r) for r in runs]
    rows.append(["**pooled (specs with values)**", str(totals[0].expected if totals else 0),
                 *(f"**{_num(t.f1)}** (P {_num(t.precision)}, R {_num(t.recall)})" for t in totals),
                 *("not installed" for _ in missing)])
    return ["", "## Value F1 per spec", "", "F1 (precision, recall).", "", *_table(header, rows), "",
            "Facts in scope / all facts: " + "; ".join(
                f"{r.system.name} {t.scoped}/{t.facts}" for r, t in zip(runs, totals, strict=True)) + "."]


def agreement_section(datasets: Sequence[Dataset], runs: Sequence[Run], missing: Sequence[System]) -> list[str]:
    header = ["spec", *(f"{r.system.name} kind" for r in runs), *(f"{r.system.name} unit" for r in runs)]
    rows = []
    for i, d in enumerate(datasets):
        checks = [r.scores[i].unit_checks for r in runs]
        if not any(checks):
            continue
        kinds = [_frac(sum(c.kind_ok for c in cs), len(cs)) for cs in checks]
        units = [_frac(sum(bool(c.unit_ok) for c in cs if c.unit_ok is not None),
                       sum(c.unit_ok is not None for c in cs)) for cs in checks]
        rows.append([d.spec.name, *kinds, *units])
    lines = ["", "## Kind and unit agreement", "",
             "On paired facts whose expected quantity has a unit (so each system is judged on what it paired).", "",
             *_table(header, rows)]
    if missing:
        lines += ["", "Not installed: " + ", ".join(s.name for s in missing) + "."]
    for r in runs:
        wrong = Counter((d.spec.name, c.data_unit, f"{c.target[0]} {c.target[1] or ''}".strip(),
                         f"{c.found.kind} {c.found.unit or ''}".strip())
                        for d, s in zip(datasets, r.scores, strict=True) for c in s.unit_checks
                        if not c.kind_ok or c.unit_ok is False)
        lines += ["", f"{r.system.name}, most frequent disagreements (spec, data unit: expected → given ×n): "
                  + ("; ".join(f"{spec}, {u}: {want} → {got} ×{n}" for (spec, u, want, got), n in wrong.most_common(6))
                     or "none") + "."]
    return lines


def counted_section(datasets: Sequence[Dataset], runs: Sequence[Run], counted_set: cn.CountedSet | None,
                    missing_reason: str | None) -> list[str]:
    lines = ["", "## Counted nouns", ""]
    if counted_set is None:
        lines += [f"Labelled set not scored: {missing_reason}."]
    else:
        lines += [f"`bench/counted_nouns.jsonl`: {len(counted_set.labels)} labelled counts "
                  f"({counted_set.source_summary}). Accuracy = the system's fact over the number has the labelled "
                  "counted noun (no fact over it, or another noun: wrong). Value recall = a fact over it holds the "
                  "labelled value. Target ≥ 0.85.", ""]
        scored = [r for r in runs if r.counted is not None]
        rows = [[r.system.name, _frac(r.counted.right, r.counted.total), _frac(r.counted.value_found, r.counted.valued),
                 _frac(r.counted.right, r.counted.covered)] for r in scored if r.counted is not None]
        lines += _table(["system", "counted-noun accuracy", "value recall (labels with a value)",
                         "accuracy where a fact covers the number"], rows)
        lines += ["", "quantulum3 and Recognizers-Text give no counted noun and do not read this set (Recognizers "
                  "takes about 0.25 s a sentence: a quarter hour on these articles). The baseline's noun is the next "
                  "noun after the number in its sentence.", "",
                  "Accuracy by class of count:", ""]
        classes = scored[0].counted.by_class if scored and scored[0].counted else Counter()
        lines += _table(["class", "labels", *(r.system.name for r in scored)],
                        [[k, str(n), *(_num(ratio(r.counted.right_by_class[k], n)) for r in scored if r.counted)]
                         for k, n in classes.most_common()])
        enricher = next((r for r in runs if r.system.name == "enricher"), None)
        if enricher and enricher.counted:
            lines += ["", "The enricher's wrong counted nouns, by what it gave (want → got):", ""]
            for name, items in enricher.counted.wrong_by_class():
                lines.append(f"- **{name}** ×{len(items)}: " + "; ".join(
                    f"`{w.label.surface}` in \"…{_short(w.context, 120)}…\": {w.label.counted} → {w.got}"
                    for w in items[:EXAMPLES + 2]))
    spec_rows = []
    for r in runs:
        cases = [c for s in r.scores for c in s.counted]
        if cases and r.system.name in ("enricher", "naive spaCy"):
            right = sum(1 for _, e, f in cases if f is not None and f.counted == e.counted)
            spec_rows.append(f"{r.system.name} {_frac(right, len(cases))}")
    if spec_rows:
        lines += ["", "quantulum3 spec, dimensionless quantities with a hand label (`COUNTED_PHRASES`, a noun or "
                  "none): "
                  + "; ".join(spec_rows) + "."]
    return lines


def misses_section(datasets: Sequence[Dataset], run: Run, others: Sequence[Run]) -> list[str]:
    """A system's value misses by class, with examples and what a library read there."""
    by_class: dict[str, list[tuple[str, Miss]]] = {}
    total = 0
    for d, s in zip(datasets, run.scores, strict=True):
        if not d.spec.values_given:
            continue
        total += s.expected
        for m in s.misses:
            kind = None if m.expected.unit is None else \
                unit_target(m.expected.unit, d.spec.unit_map, d.spec.default_kind)[0]
            by_class.setdefault(failure_pattern(m.text, m.expected.start, m.expected.end, kind), []).append(
                (d.spec.name, m))
    read_by = {(text, e.start, e.end): (o.system.name, f) for o in reversed(others) for s in o.scores
               for text, e, f in s.paired}
    ordered = sorted(by_class.items(), key=lambda kv: -len(kv[1]))
    rows = []
    for name, misses in ordered:
        per = Counter(spec for spec, _ in misses)
        rows.append([name, str(len(misses)), f"{len(misses) / total:+.3f}",
                     str(sum(1 for _, m in misses if _key(m) in read_by)),
                     ", ".join(f"{spec} {n}" for spec, n in per.most_common())])
    lines = ["", f"## {run.system.name}: value misses by class", "",
             "Each miss takes the first class its expected surface shows (in this order: "
             + ", ".join(name.split(" (")[0] for name, _ in PATTERNS) + "). *Gain*: pooled recall gain if every "
             "miss of the class were read. *A library read it*: misses that quantulum3 or Recognizers-Text paired.",
             "", *_table(["class", "misses", "gain", "a library read it", "by spec"], rows), "",
             "Examples (spec: `expected` = value in \"input\" → the enricher's facts over it; a library's reading "
             "where one paired):", ""]
    for name, misses in ordered:
        lines += [f"**{name}**", ""]
        for spec, m in _spread(misses, EXAMPLES):
            got = "; ".join(_fact(f) for f in m.overlapping) or "no fact"
            want = f"{m.expected.value:g}" + (f" {m.expected.unit}" if m.expected.unit else "")
            library = read_by.get(_key(m))
            lines.append(f"- {spec}: `{m.expected.text}` = {want} in \"{_short(m.text)}\" → {got}"
                         + (f"; {library[0]}: {_fact(library[1])}" if library else ""))
        lines.append("")
    return lines


def _key(m: Miss) -> tuple[str, int, int]:
    return m.text, m.expected.start, m.expected.end


def precision_section(datasets: Sequence[Dataset], run: Run) -> list[str]:
    kinds = Counter(f.kind for s in run.scores for _, f in s.unpaired)
    lines = ["", f"## {run.system.name}: unpaired facts in scope (precision losses)", "",
             "By kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) + ". Examples:", ""]
    for d, s in zip(datasets, run.scores, strict=True):
        lines += [f"- {d.spec.name}: {_fact(f)} in \"{_short(text)}\"" for text, f in s.unpaired[:EXAMPLES]]
    return lines


def _spread(misses: Sequence[tuple[str, Miss]], limit: int) -> list[tuple[str, Miss]]:
    """Up to ``limit`` examples, taking from each spec in turn so one large spec does not fill the list."""
    queues: dict[str, list[tuple[str, Miss]]] = {}
    for item in misses:
        queues.setdefault(item[0], []).append(item)
    picked: list[tuple[str, Miss]] = []
    while len(picked) < limit and any(queues.values()):
        for queue in queues.values():
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    return picked


# ---- the run -----------------------------------------------------------------------------------------------------


def evaluate(eval_dir: Path, datasets: Sequence[Dataset], setup_seconds: float,
             systems: Sequence[System] | None = None, command: str = COMMAND) -> str:
    systems = all_systems() if systems is None else systems
    counted_set, counted_missing = cn.load(eval_dir)
    runs = [run_system(s, datasets, counted_set) for s in systems if s.read is not None]
    missing = [s for s in systems if s.read is None]
    enricher = next((r for r in runs if r.system.name == "enricher"), None)
    libraries = [r for r in runs if r.system.name in LIBRARIES]
    lines = [
        "# Number-fact quality: the enricher beside quantulum3, Recognizers-Text and a naive spaCy baseline",
        "",
        f"Generated by `{command}` (all systems in this one run, on the same inputs).",
        "",
        *headline(datasets, runs, missing),
        "",
        *HOW_TO_READ,
        *systems_section(runs, missing, setup_seconds),
        *value_section(datasets, runs, missing),
        *agreement_section(datasets, runs, missing),
        *counted_section(datasets, runs, counted_set, counted_missing),
        *data_section(datasets, eval_dir),
    ]
    if enricher is not None:
        lines += [*misses_section(datasets, enricher, libraries), *precision_section(datasets, enricher)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/number_quality.md"))
    args = parser.parse_args(argv)
    began = time.perf_counter()
    datasets = load_all(args.eval_dir)
    if not datasets:
        print(f"skipped: no quantulum3 or recognizers-text data at {args.eval_dir}")
        return 0
    command = " ".join([COMMAND, *(argv if argv is not None else sys.argv[1:])])
    write_report(args.report, evaluate(args.eval_dir, datasets, time.perf_counter() - began, command=command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
