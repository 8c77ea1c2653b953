"""Libraries against the hand-written number readers, on the readers' own jobs (issue 16, "libraries where they win").

    python -m bench.number_libraries [--eval-dir DIR] [--report bench/reports/number_libraries.md]

1. Spelled numbers (``number_reading.read_number`` against text2num's ``text2num``): every expected quantity of the
   Recognizers-Text English NumberModel spec written in words only (no digit), value as the spec resolves it.
   The hand-written reader runs on the surface parsed by the enricher's spaCy model, from its first token; text2num
   on the surface. Right = the same value (relative tolerance 1e-6).
2. Locale numerals (``rule_numbers``' numeral pattern and value against Babel's ``parse_decimal``): the numerals
   Babel itself writes for de, nb and sv (``format_decimal``), and the forms German, Norwegian and Swedish papers
   write besides ("25 000" with a plain space, "1.234,5" in Norwegian, thin and narrow spaces). Right = the value.

Read at run time from ``../shared/eval`` (MIT); part 1 skips cleanly when the data or text2num is absent.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import spacy
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from bench.number_quality import DEFAULT_EVAL_DIR
from bench.number_specs import python_unsupported
from bench.report_file import write_report
from services.config import EnricherOptions
from services.enricher.number_reading import read_number
from services.enricher.rule_numbers import _NUMERAL, numeral_value

NUMBER_SPEC = "recognizers-text/Number/English/NumberModel.json"
VALUES = (Decimal("2.4"), Decimal("1234.5"), Decimal(25000), Decimal(1234567), Decimal(12), Decimal("0.75"))
PRESS_FORMS = {  # written as newspapers of these languages write them; value
    "de": {"25 000": 25000, "1.234,5": 1234.5, "25\u202f000": 25000, "2,4": 2.4, "1.234.567": 1234567},
    "nb": {"25 000": 25000, "1.234,5": 1234.5, "25\u2009000": 25000, "2,4": 2.4, "1 234 567": 1234567},
    "sv": {"25 000": 25000, "25\u00a0000": 25000, "2,4": 2.4, "1 234 567,5": 1234567.5},
}


def spelled_cases(eval_dir: Path) -> list[tuple[str, float]]:
    raw = json.loads((eval_dir / NUMBER_SPEC).read_text(encoding="utf-8-sig"))
    cases = []
    for case in raw:
        if python_unsupported(case):
            continue
        for result in case["Results"]:
            surface, value = result["Text"], (result.get("Resolution") or {}).get("value")
            if value is not None and not any(c.isdigit() for c in surface):
                cases.append((surface, float(value)))
    return cases


def hand_written(nlp: spacy.language.Language, surface: str) -> float | None:
    doc = nlp(surface)
    reading = read_number(doc, 0, len(doc), money=False)
    return float(reading.value) if reading is not None and reading.last.i == len(doc) - 1 else None


def text2num_value(surface: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(surface, "en"))
    except (ValueError, TypeError):
        return None


def same(got: float | None, want: float) -> bool:
    return got is not None and math.isclose(got, want, rel_tol=1e-6)


def spelled_section(eval_dir: Path) -> list[str]:
    lines = ["## 1. Spelled numbers: `number_reading.read_number` against text2num", ""]
    try:
        import text_to_num  # noqa: F401
    except ImportError:
        return [*lines, "Skipped: text2num is not installed (`pip install text2num`).", ""]
    if not (eval_dir / NUMBER_SPEC).exists():
        return [*lines, f"Skipped: no {NUMBER_SPEC} under {eval_dir}.", ""]
    nlp = spacy.load(EnricherOptions().spacy_model)
    cases = spelled_cases(eval_dir)
    ours = [same(hand_written(nlp, s), v) for s, v in cases]
    theirs = [same(text2num_value(s), v) for s, v in cases]
    lines += [
        f"{len(cases)} quantities of the NumberModel spec written without digits (python-unsupported cases left out).",
        "",
        "| reader | right | share |",
        "|---|---|---|",
        f"| hand-written `read_number` | {sum(ours)} | {sum(ours) / len(cases):.3f} |",
        f"| text2num `text2num(surface, 'en')` | {sum(theirs)} | {sum(theirs) / len(cases):.3f} |",
        f"| either | {sum(a or b for a, b in zip(ours, theirs, strict=True))} | |",
        "",
        "Only text2num right:",
        "",
        *[f"- `{s}` = {v:g}" for (s, v), a, b in zip(cases, ours, theirs, strict=True) if b and not a],
        "",
        "Only the hand-written reader right (first 15):",
        "",
        *[f"- `{s}` = {v:g}" for (s, v), a, b in list(zip(cases, ours, theirs, strict=True)) if a and not b][:15],
        "",
    ]
    return lines


def babel_value(text: str, locale: str, strict: bool) -> float | None:
    try:
        return float(parse_decimal(text, locale=locale, strict=strict))
    except NumberFormatError:
        return None


def rule_value(text: str) -> float | None:
    m = _NUMERAL.fullmatch(text)
    value = numeral_value(m) if m is not None else None
    return float(value) if value is not None else None


def locale_section() -> list[str]:
    lines = ["## 2. Locale numerals: `rule_numbers` against Babel `parse_decimal`", "",
             "| locale | numerals | rule_numbers right | Babel strict right | Babel lenient right |",
             "|---|---|---|---|---|"]
    wrong: list[str] = []
    for locale, press in PRESS_FORMS.items():
        written = {format_decimal(v, locale=locale): float(v) for v in VALUES} | press
        scores = [0, 0, 0]
        for text, value in written.items():
            got = (rule_value(text), babel_value(text, locale, True), babel_value(text, locale, False))
            for k, g in enumerate(got):
                scores[k] += same(g, value)
            if not all(same(g, value) for g in got):
                wrong.append(f"- {locale} `{text!r}` = {value:g}: rule_numbers {got[0]}, Babel strict {got[1]}, "
                             f"lenient {got[2]}")
        lines.append(f"| {locale} | {len(written)} | {scores[0]} | {scores[1]} | {scores[2]} |")
    return [*lines, "", "Disagreements:", "", *wrong, ""]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/number_libraries.md"))
    args = parser.parse_args(argv)
    began = time.perf_counter()
    lines = ["# Number libraries against the hand-written readers", "",
             f"Generated by `python -m bench.number_libraries --eval-dir {args.eval_dir}` (text2num "
             f"{_version('text2num')}, Babel {_version('babel')}). See the module docstring for what is compared.", "",
             *spelled_section(args.eval_dir), *locale_section(), f"Wall time: {time.perf_counter() - began:.1f} s.", ""]
    write_report(args.report, "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
