"""Language routing: which language the enricher chooses for articles whose feed states none, before and after
identification read prose lines only, and what identification costs.

    python -m bench.language_routing [--conll-dir DIR] [--pages-dir DIR] [--repeat 5]
                                     [--report bench/reports/language_routing.md]

Sets: the non-English and English wire items of ``tests/data`` (IPTC ninjs and NewsML examples, through the
cleaner's ``process``; their feeds state their languages, which the bench removes to see what identification
makes of them, and keeps to check that a stated language is used as given); the two seeds; the article bodies
of the article-extraction benchmark (MIT); CoNLL-2003 English dev (the report set) and train (the set the
thresholds of ``services.common.text_lines`` and ``services.cleaner.language`` were chosen on), each document through
the cleaner as a plain-text ``RawArticle`` without a language. The evaluation sets are read at run time and
skipped when absent.

*Before*: py3langid on the text's first 3,000 characters, sure at probability 0.5, as the cleaner and the
enricher identified before this change (``before_identification`` below); unsure meant no entities
(``language_unknown``). *After*: ``choose_language`` with no source defaults (feed, detected, fallback).
Cost: CPU time (``time.process_time``) per article of the identification alone, best of ``--repeat`` passes
over each set.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.ner_quality import DEFAULT_EVAL_DIR as CONLL_DIR
from bench.ner_quality import SPLIT_FILES, read_conll
from bench.report_file import write_report
from bench.syndication import DEFAULT_EVAL_DIR as PAGES_DIR
from bench.syndication import originals
from services.cleaner.language import _identifier, identify
from services.cleaner.logic import clean, process
from services.config import CleanerOptions
from services.contract.messages import CleanArticle, RawArticle
from services.enricher.language_choice import choose_language

TEST_DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
BEFORE_SAMPLE_CHARS = 3000
BEFORE_MIN_PROBABILITY = 0.5


def before_identification(text: str) -> tuple[str | None, float]:
    """The identification before this change: the whole text's first characters; (None, p) when unsure."""
    language, probability = _identifier().classify(text[:BEFORE_SAMPLE_CHARS])
    return (str(language) if probability >= BEFORE_MIN_PROBABILITY else None), float(probability)


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    stated: str | None
    """The language the feed states (wire items), or None."""
    article: CleanArticle
    """As cleaned with no language stated."""


def wire_items() -> list[Item]:
    items = []
    received = datetime.now(UTC)
    for path in sorted([*(TEST_DATA / "ninjs").rglob("*.json"), *(TEST_DATA / "newsml").glob("*.xml")]):
        for output in process(path.read_bytes(), CleanerOptions(), received):
            if isinstance(output.value, CleanArticle) and output.value.text:
                stated = output.value.language
                unstated = output.value.model_copy(update={"language": None, "language_detected": False})
                items.append(Item(str(path.relative_to(TEST_DATA)), stated, unstated))
    return items


def plain_items(named_texts: Sequence[tuple[str, str]]) -> list[Item]:
    received = datetime.now(UTC)
    return [Item(name, None, clean(RawArticle(id=name, source="bench", body=text), CleanerOptions(), received))
            for name, text in named_texts]


def conll_items(conll_dir: Path, split: str) -> list[Item]:
    path = conll_dir / SPLIT_FILES[split]
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        documents = read_conll(lines)
    texts = ["\n".join(" ".join(sentence.tokens) for sentence in document) for document in documents]
    return plain_items([(f"conll-{split}-{i}", text) for i, text in enumerate(texts)])


def best_cpu_ms(identify_text: Callable[[str], object], texts: Sequence[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.process_time()
        for text in texts:
            identify_text(text)
        best = min(best, time.process_time() - began)
    return 1000 * best / max(len(texts), 1)


def decisions(items: Sequence[Item]) -> tuple[Counter[str], Counter[str]]:
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for item in items:
        language, _ = before_identification(item.article.text)
        before[f"{language} (entities skipped)" if language not in ("en", None) else
               "en" if language == "en" else "unsure: language_unknown, no entities"] += 1
        choice = choose_language(item.article, {})
        after[f"{choice.tag} / {choice.source.value}"] += 1
    return before, after


def evaluate(conll_dir: Path, pages_dir: Path, repeat: int) -> str:
    wire = wire_items()
    pages = originals(pages_dir)
    sets: list[tuple[str, list[Item]]] = [
        ("tests/data wire items (feed language removed)", wire),
        ("seeds and article-extraction bodies (mostly English)", plain_items(pages)),
        ("CoNLL-2003 dev (English, report set)", conll_items(conll_dir, "dev")),
        ("CoNLL-2003 train (English, thresholds chosen here)", conll_items(conll_dir, "train")),
    ]
    lines = [
        "# Language routing: identification on prose lines, fallbacks, cost",
        "",
        f"Generated by `python -m bench.language_routing --repeat {repeat}` on {datetime.now(UTC):%Y-%m-%d}. "
        "Every article is cleaned with no language stated (wire items: the feed's language removed), then "
        "routed. *Before*: py3langid on the first 3,000 characters of the whole text, sure at probability 0.5; "
        "unsure meant no entities (`language_unknown`). *After*: `choose_language` "
        "(`services/enricher/language_choice.py`) with no source defaults: a sure identification on prose lines "
        "(`detected`), else English (`fallback`; the identifier's guess when most letters are not Latin). "
        "CPU: the identification alone, ms per article, best of "
        f"{repeat} passes (after: line classification, prose sample and py3langid's ranking of all languages; "
        "`choose_language` runs it once per article in the enricher, and the cleaner once more for articles "
        "its feed gives no language).",
        "",
        "## Decisions and cost by set",
        "",
        "| set | articles | before | after | CPU before | CPU after |",
        "|---|---|---|---|---|---|",
    ]
    for name, items in sets:
        if not items:
            lines.append(f"| {name} | absent: skipped | | | | |")
            continue
        before, after = decisions(items)
        texts = [item.article.text for item in items]
        lines.append(
            f"| {name} | {len(items)} | " + "; ".join(f"{k}: {n}" for k, n in before.most_common()) + " | "
            + "; ".join(f"{k}: {n}" for k, n in after.most_common()) + " | "
            f"{best_cpu_ms(before_identification, texts, repeat):.2f} ms | {best_cpu_ms(identify, texts, repeat):.2f} ms |"
        )
    lines += [
        "",
        "## Wire items of tests/data, one by one",
        "",
        "*Stated*: the feed's language, which the enricher uses as given (`language_source` `feed`) whenever "
        "there is one; the columns after it are what identification makes of the text without it. *Prose*: "
        "characters of prose the identifier read (40 needed to be sure).",
        "",
        "| item | characters | stated | before: guess (p) | after: guess (p), prose | after: routed by |",
        "|---|---|---|---|---|---|",
    ]
    for item in wire:
        text = item.article.text
        old_language, old_p = before_identification(text)
        old_guess = str(_identifier().classify(text[:BEFORE_SAMPLE_CHARS])[0])
        identification = identify(text)
        choice = choose_language(item.article, {})
        lines.append(
            f"| `{item.name}` | {len(text)} | {item.stated} | {old_guess} ({old_p:.2f}){'' if old_language else ' unsure'} "
            f"| {identification.language} ({identification.probability:.2f}), {identification.prose_chars} | "
            f"{choice.tag} / {choice.source.value} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conll-dir", type=Path, default=CONLL_DIR)
    parser.add_argument("--pages-dir", type=Path, default=PAGES_DIR)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/language_routing.md"))
    args = parser.parse_args(argv)
    write_report(args.report, evaluate(args.conll_dir, args.pages_dir, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
