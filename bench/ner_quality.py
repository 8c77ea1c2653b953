"""NER quality of the spaCy model and of the enricher's entities, on the CoNLL-2003 English dev set.

    python -m bench.ner_quality [--eval-dir DIR] [--split dev|train] [--report bench/reports/ner_quality.md]

Each dev document's text is rebuilt from its tokens (single spaces between tokens, "\\n" between sentences)
and its IOB tags become gold character spans of type PER, ORG, LOC or MISC. The enricher's pipeline
(``EnricherOptions().spacy_model``, in its batch size) runs twice over the documents: once as the full pipeline
(``nlp.pipe``) keeping the bare ``doc.ents``, once as the enricher runs it (``parsing.SelectiveParser``) through
``extract_entities`` (every mention of every entity is a
prediction with its entity's label), and once more with the stories stage's cross-article type votes after it
(documents in file order; ``voted_entities``). spaCy labels map to CoNLL types by ``LABEL_MAP``; the others (DATE,
CARDINAL, ...) are ignored. Scores are exact-span precision / recall / F1 (definitions in the report).
Two more passes run the services' real path (``bench/real_path.py``): each document as a plain-text
``RawArticle``, without a language and then with the feed stating ``en``, through the cleaner and
``Enricher.enrich``, its mentions mapped back to the document's text; they say how many documents got no entities
and why. The data (research-use licence) is read at run time and never copied into the repository. Skips cleanly
when it is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import spacy
from spacy.tokens import Doc

from bench.real_path import Outcome, RealPathRun, run_real_path
from bench.report_file import write_report
from services.config import EnricherOptions
from services.enricher.entities import extract_entities
from services.enricher.logic import Enricher
from services.enricher.parsing import SelectiveParser
from services.enricher.type_votes import TypeVotes, copy_kind_of
from services.runtime.json_rows import JsonRows

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conll2003pp"
DEV_FILE = "conllpp_dev.txt"
SPLIT_FILES = {"dev": DEV_FILE, "train": "conllpp_train.txt"}
"""The dev set is the one reported on; thresholds of the enricher are chosen on the training set."""
DOCSTART = "-DOCSTART-"
TYPES = ("PER", "ORG", "LOC", "MISC")
ALL = "all"
LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
BARE = "bare spaCy doc.ents"
ENRICHER = "enricher extract_entities"
REAL_PATH = "real path, no language"
REAL_PATH_EN = "real path, feed states en"
TABLE_SHARE = 0.3
_NUMBER = re.compile(r"[-+]?\d[\d.,:/-]*")
_LEADING_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"\s*'s?$")
SPORTS = (
    "athletics", "baseball", "basketball", "boxing", "cricket", "cycling", "golf", "horse racing", "motor racing",
    "nfl", "rugby", "soccer", "squash", "tennis",
)
EXAMPLES = 4
TOP_CONFUSIONS = 10


# ---- gold: documents and spans -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def same_place(self, other: Span) -> bool:
        return self.start == other.start and self.end == other.end


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


class LineKind(StrEnum):
    CAPS = "ALL-CAPS"
    """Capital letters and no lower-case ones: headlines, datelines, some result lines."""
    TABLE = "table"
    """Not ALL-CAPS, and at least ``TABLE_SHARE`` of its tokens are numbers: results, standings, prices."""
    PROSE = "prose"


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    words: int
    gold: frozenset[Span]
    lines: tuple[tuple[int, int, LineKind], ...]
    """(start, end, kind) of each line (sentence)."""

    def ranges(self, kind: LineKind) -> list[tuple[int, int]]:
        return [(start, end) for start, end, line_kind in self.lines if line_kind is kind]


def read_conll(lines: Iterable[str]) -> list[list[Sentence]]:
    """Documents as lists of sentences, from ``token ... tag`` lines; the tag is the last column."""
    documents: list[list[Sentence]] = [[]]
    rows: list[list[str]] = []
    for line in [*lines, ""]:
        columns = line.split()
        if columns and columns[0] != DOCSTART:
            rows.append(columns)
            continue
        if rows:
            documents[-1].append(Sentence(tuple(row[0] for row in rows), tuple(row[-1] for row in rows)))
            rows = []
        if columns:
            documents.append([])
    return [document for document in documents if document]


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans (first, past-the-end, type) of IOB1 tags: an I- tag continues an entity of its type or,
    after O or another type, starts one; a B- tag always starts one (in IOB1 it only appears to separate two
    adjacent entities of one type). IOB2 tags decode the same way."""
    spans: list[tuple[int, int, str]] = []
    open_type: str | None = None
    for index, tag in enumerate(tags):
        prefix, _, entity_type = tag.partition("-")
        continues = prefix == "I" and entity_type == open_type
        if open_type is not None and not continues:
            spans[-1] = (spans[-1][0], index, open_type)
            open_type = None
        if prefix in ("B", "I") and not continues:
            spans.append((index, index, entity_type))
            open_type = entity_type
    if open_type is not None:
        spans[-1] = (spans[-1][0], len(tags), open_type)
    return spans


def entities_opened_by_inside(tags: Sequence[str]) -> int:
    """Entities whose first tag is I- (IOB1 style); 0 for IOB2 data, where every entity opens with B-."""
    return sum(1 for first, _, _ in iob_spans(tags) if tags[first].startswith("I-"))


def line_kind(line: str) -> LineKind:
    if any(c.isupper() for c in line) and not any(c.islower() for c in line):
        return LineKind.CAPS
    tokens = line.split()
    numbers = sum(1 for token in tokens if _NUMBER.fullmatch(token))
    return LineKind.TABLE if tokens and numbers >= TABLE_SHARE * len(tokens) else LineKind.PROSE


def build_document(sentences: Sequence[Sentence]) -> Document:
    lines: list[str] = []
    gold: set[Span] = set()
    kinds: list[tuple[int, int, LineKind]] = []
    line_start = 0
    for sentence in sentences:
        token_starts = []
        offset = line_start
        for token in sentence.tokens:
            token_starts.append(offset)
            offset += len(token) + 1
        for first, past, entity_type in iob_spans(sentence.tags):
            last = past - 1
            gold.add(Span(token_starts[first], token_starts[last] + len(sentence.tokens[last]), entity_type))
        line = " ".join(sentence.tokens)
        kinds.append((line_start, line_start + len(line), line_kind(line)))
        lines.append(line)
        line_start += len(line) + 1
    words = sum(len(sentence.tokens) for sentence in sentences)
    return Document("\n".join(lines), words, frozenset(gold), tuple(kinds))


# ---- scoring -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.predicted + other.predicted, self.correct + other.correct)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(gold: Collection[Span], predicted: Collection[Span]) -> dict[str, Counts]:
    """Exact match: a prediction is correct when a gold span has its start, end and type. Per type and ``ALL``
    (micro); a prediction with the right span and the wrong type is a false positive of its type and leaves a
    false negative of the gold's type."""
    correct = set(gold) & set(predicted)
    scores = {
        entity_type: Counts(
            sum(1 for s in gold if s.label == entity_type),
            sum(1 for s in predicted if s.label == entity_type),
            sum(1 for s in correct if s.label == entity_type),
        )
        for entity_type in TYPES
    }
    scores[ALL] = Counts(len(gold), len(predicted), len(correct))
    return scores


def add_scores(totals: Mapping[str, Counts], more: Mapping[str, Counts]) -> dict[str, Counts]:
    return {key: totals.get(key, Counts()) + more.get(key, Counts()) for key in set(totals) | set(more)}


class ErrorKind(StrEnum):
    WRONG_TYPE = "right span, wrong type"
    BOUNDARY = "overlapping span, right type"
    BOUNDARY_AND_TYPE = "overlapping span, wrong type"
    SPURIOUS = "spurious: overlaps no gold entity"
    MISSED = "missed: overlaps no prediction"


def error_kind(span: Span, others: Collection[Span], unmatched: ErrorKind) -> ErrorKind:
    """Why ``span`` (a wrong prediction or a gold entity not found) has no exact match among ``others`` (the
    gold spans, or the predictions); ``unmatched`` when it overlaps none of them."""
    overlapping = [other for other in others if other.overlaps(span)]
    if any(other.same_place(span) for other in overlapping):
        return ErrorKind.WRONG_TYPE
    if any(other.label == span.label for other in overlapping):
        return ErrorKind.BOUNDARY
    return ErrorKind.BOUNDARY_AND_TYPE if overlapping else unmatched


def classify_errors(
    gold: Collection[Span], predicted: Collection[Span]
) -> tuple[list[tuple[ErrorKind, Span]], list[tuple[ErrorKind, Span]]]:
    """(false positives, false negatives), each with its kind; every error falls in exactly one kind."""
    false_positives = [(error_kind(s, gold, ErrorKind.SPURIOUS), s) for s in predicted if s not in gold]
    false_negatives = [(error_kind(s, predicted, ErrorKind.MISSED), s) for s in gold if s not in predicted]
    return false_positives, false_negatives


def f1_if_fixed(total: Counts, false_positives: int, false_negatives: int) -> float:
    """Micro F1 had one kind of error been fixed: its false positives withdrawn, its false negatives found."""
    return Counts(total.gold, total.predicted - false_positives + false_negatives, total.correct + false_negatives).f1


def wrong_type_pairs(gold: Collection[Span], predicted: Collection[Span]) -> list[tuple[Span, Span]]:
    """(gold, prediction) pairs with the same start and end and different types."""
    gold_at = {(s.start, s.end): s for s in gold}
    return [
        (gold_at[(p.start, p.end)], p)
        for p in predicted
        if (p.start, p.end) in gold_at and gold_at[(p.start, p.end)].label != p.label
    ]


def within(spans: Iterable[Span], ranges: Sequence[tuple[int, int]]) -> set[Span]:
    """The spans that start inside one of the character ranges."""
    return {s for s in spans if any(start <= s.start < end for start, end in ranges)}


def trimmed(text: str, span: Span) -> Span:
    """The span without a leading "the" and a trailing possessive, which CoNLL leaves out of names and spaCy's
    OntoNotes-trained models often include ("the United States", "Clinton 's")."""
    surface = text[span.start : span.end]
    leading = _LEADING_ARTICLE.match(surface)
    start = span.start + (leading.end() if leading else 0)
    trailing = _TRAILING_POSSESSIVE.search(text, start, span.end)
    end = trailing.start() if trailing else span.end
    return Span(start, end, span.label) if start < end else span


def elsewhere_labels(text: str, span: Span, predicted: Iterable[Span]) -> set[str]:
    """Types predicted for the same surface (case-folded) at other places of the document."""
    surface = text[span.start : span.end].casefold()
    return {p.label for p in predicted if p != span and text[p.start : p.end].casefold() == surface}


# ---- the two passes --------------------------------------------------------------


Prediction = dict[Span, str]
"""A document's predicted spans (mapped to a CoNLL type), each with the spaCy label it came from."""


def bare_entities(doc: Doc) -> Prediction:
    return {
        Span(ent.start_char, ent.end_char, LABEL_MAP[ent.label_]): ent.label_
        for ent in doc.ents
        if ent.label_ in LABEL_MAP
    }


def enricher_entities(doc: Doc) -> Prediction:
    return {
        Span(mention.start, mention.end, LABEL_MAP[entity.label]): entity.label
        for entity in extract_entities(doc)
        if entity.label in LABEL_MAP
        for mention in entity.mentions
    }


@dataclass(frozen=True, slots=True)
class Pass:
    name: str
    predictions: list[Prediction]
    wall_s: float
    cpu_s: float
    entity_cpu_s: float | None
    """CPU time of the entity step alone (reading ``doc.ents``, or ``extract_entities``), without the pipeline;
    None for the real path, whose entity step runs inside ``Enricher.enrich``."""
    outcomes: list[Outcome] | None = None
    """The real path's account of each document (its language, why entities were skipped)."""


def run_pass(
    name: str, pipe: Callable[[Sequence[str]], Iterable[Doc]], texts: Sequence[str], predict: Callable[[Doc], Prediction]
) -> Pass:
    wall, cpu = time.perf_counter(), time.process_time()
    predictions: list[Prediction] = []
    entity_cpu = 0.0
    # The pipe is lazy: the pipeline runs while the loop asks for the next doc, outside the entity step's clock.
    for doc in pipe(texts):
        began = time.process_time()
        predictions.append(predict(doc))
        entity_cpu += time.process_time() - began
    return Pass(name, predictions, time.perf_counter() - wall, time.process_time() - cpu, entity_cpu)


def real_path_pass(name: str, run: RealPathRun) -> Pass:
    predictions = [
        {Span(start, end, LABEL_MAP[label]): label for start, end, label in outcome.mentions if label in LABEL_MAP}
        for outcome in run.outcomes
    ]
    return Pass(name, predictions, run.wall_s, run.cpu_s, None, run.outcomes)


# ---- the report ------------------------------------------------------------------


def load_documents(eval_dir: Path, file_name: str = DEV_FILE) -> tuple[list[Document], int]:
    """The documents of a split (dev by default), and how many of their entities open with an I- tag."""
    with (eval_dir / file_name).open(encoding="utf-8") as lines:
        parsed = read_conll(lines)
    opened_by_inside = sum(entities_opened_by_inside(s.tags) for sentences in parsed for s in sentences)
    return [build_document(sentences) for sentences in parsed], opened_by_inside


def evaluate(eval_dir: Path, file_name: str = DEV_FILE) -> str:
    documents, opened_by_inside = load_documents(eval_dir, file_name)
    options = EnricherOptions()
    nlp = spacy.load(options.spacy_model)
    # The first call initialises lazily built tables; keep that out of the first pass's time.
    nlp("Warm up.")
    texts = [d.text for d in documents]
    enricher = Enricher(options)
    run_real_path(["Warm up."], enricher, options.batch_size)
    def full_pipeline(texts: Sequence[str]) -> Iterable[Doc]:
        return nlp.pipe(texts, batch_size=options.batch_size)

    enricher_pipeline = SelectiveParser(nlp, options.batch_size).pipe
    passes = [
        run_pass(BARE, full_pipeline, texts, bare_entities),
        run_pass(ENRICHER, enricher_pipeline, texts, enricher_entities),
        real_path_pass(REAL_PATH, run_real_path(texts, enricher, options.batch_size)),
        real_path_pass(REAL_PATH_EN, run_real_path(texts, enricher, options.batch_size, language="en")),
    ]
    passes.append(run_pass(VOTED, enricher_pipeline, texts, voted_entities()))
    model = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"
    lines = header(documents, opened_by_inside, model, nlp.pipe_names, options.batch_size, file_name)
    lines += results_table(documents, passes)
    lines += empty_documents(documents, passes)
    for run in passes:
        if run.name != REAL_PATH_EN:  # the path of REAL_PATH with another language decision: told apart above
            lines += breakdown(documents, run)
    lines += votes_note(documents, passes)
    return "\n".join(lines) + "\n"


def header(
    documents: Sequence[Document], opened_by_inside: int, model: str, components: Sequence[str], batch_size: int,
    file_name: str = DEV_FILE,
) -> list[str]:
    split = next(name for name, file in SPLIT_FILES.items() if file == file_name)
    gold = sum(len(d.gold) for d in documents)
    label_map = ", ".join(
        f"{'/'.join(k for k, v in LABEL_MAP.items() if v == t)} → {t}" for t in TYPES if t != "PER"
    )
    return [
        f"# NER quality: CoNLL-2003 English {split} set",
        "",
        f"Generated by `python -m bench.ner_quality{'' if split == 'dev' else f' --split {split}'}` on "
        f"{datetime.now(UTC):%Y-%m-%d}: {len(documents)} documents, "
        f"{sum(d.words for d in documents):,} words, {gold:,} gold entities ({file_name}, read at run time). "
        f"Model `{model}` (spaCy {spacy.__version__}), components {', '.join(components)}, `nlp.pipe` batches "
        f"of {batch_size} (the enricher's defaults).",
        "",
        "- **Text**: each document's tokens joined by single spaces, its sentences by `\\n`; gold spans are "
        "character offsets into that text. The data is not wire copy as the cleaner emits it: punctuation is "
        "split off words (`U.S. 's`), headlines and datelines are in capitals, and sports stories carry results "
        "tables.",
        "- **Tags**: decoded as IOB1 (an I- tag after O or another type opens an entity; B- always opens one). "
        + (f"{opened_by_inside} entities open with I-." if opened_by_inside else
           "No entity opens with I-: the file is in fact tagged IOB2, which decodes the same way."),
        f"- **Label map**: PERSON → PER, {label_map}; every other spaCy label (DATE, CARDINAL, MONEY, ...) is "
        "ignored. The enricher keeps only its named labels (no LANGUAGE).",
        f"- **{BARE}**: every `doc.ents` span with a mapped label, the full pipeline (`nlp.pipe`). **{ENRICHER}**: "
        "every mention of every entity `extract_entities(doc)` returns, typed by its entity's label (the group's "
        "vote across its mentions), on the enricher's docs (`SelectiveParser`: NER over the whole text after the "
        "model's `senter` and a cut at line breaks, the parse only on sentences with numbers).",
        f"- **{REAL_PATH}**: the services' path (`bench/real_path.py`): the document's text as a plain-text "
        "`RawArticle` (source `bench`, which has no default language) without a language → "
        "`services.cleaner.logic.clean` → `Enricher.enrich` in batches; every mention of every entity is mapped "
        "back to the document's text by its non-space characters (the cleaner turns each line break into a "
        "paragraph break; an alignment takes over where the non-space characters differ), then scored as "
        f"above. **{REAL_PATH_EN}**: the same with the feed stating `en` (no identification).",
        "- **Exact match**: a prediction is correct when a gold entity has the same start, end and type. Precision "
        "= correct / predicted, recall = correct / gold, F1 their harmonic mean; *all* is micro (summed counts). "
        "A right span with the wrong type is a false positive of the predicted type and a false negative of the "
        "gold's.",
        "- **Speed**: each pass runs the whole pipeline over all documents; words/s per core = words / CPU time.",
        "",
    ]


def totals(documents: Sequence[Document], run: Pass) -> dict[str, Counts]:
    result: dict[str, Counts] = {}
    for document, prediction in zip(documents, run.predictions, strict=True):
        result = add_scores(result, score(document.gold, prediction))
    return result


def results_table(documents: Sequence[Document], passes: Sequence[Pass]) -> list[str]:
    scores = [totals(documents, run) for run in passes]
    words = sum(d.words for d in documents)
    lines = [
        "## Results",
        "",
        "| type | gold | " + " | ".join(f"{run.name}: predicted / correct | P | R | F1" for run in passes) + " |",
        "|---|---|" + "---|---|---|---|" * len(passes),
    ]
    for key in (ALL, *TYPES):
        emphasis = "**" if key == ALL else ""
        cells = [
            f"{s[key].predicted} / {s[key].correct} | {s[key].precision:.3f} | {s[key].recall:.3f} | "
            f"{emphasis}{s[key].f1:.3f}{emphasis}"
            for s in scores
        ]
        lines.append(f"| {key} | {scores[0][key].gold} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "| pass | wall time | CPU time | of which the entity step | words/s per core |",
        "|---|---|---|---|---|",
        *[
            f"| {run.name} | {run.wall_s:.1f} s | {run.cpu_s:.1f} s | "
            f"{'–' if run.entity_cpu_s is None else f'{run.entity_cpu_s:.2f} s'} | {words / run.cpu_s:,.0f} |"
            for run in passes
        ],
        "",
        f"The enricher's entity step (`services/enricher/entities.py`: mentions grouped, one label per entity) "
        f"changes micro F1 by {scores[1][ALL].f1 - scores[0][ALL].f1:+.3f} ("
        + ", ".join(f"{t} {scores[1][t].f1 - scores[0][t].f1:+.3f}" for t in TYPES)
        + f") for {1000 * passes[1].entity_cpu_s / len(documents):.1f} ms of CPU per document. Both passes run "
        "the whole pipeline; on a shared machine their totals differ by more than the entity step costs.",
    ]
    if len(passes) > 3:
        lines += [
            "",
            f"Through the real path, micro F1 is {scores[2][ALL].f1:.3f} without a language and "
            f"{scores[3][ALL].f1:.3f} with the feed stating `en`, against {scores[1][ALL].f1:.3f} for the text "
            "given to the enricher directly. The real path's CPU time includes the cleaner and language "
            "identification.",
        ]
    return lines


def empty_documents(documents: Sequence[Document], passes: Sequence[Pass]) -> list[str]:
    """Per pass: the documents that got no entity at all, and why (the entity step skipped for the document's
    language, or run and nothing found); for the real path, how the enricher chose each document's language."""
    lines = [
        "",
        "## Documents without entities",
        "",
        "*Language reason*: the enricher skipped the entity step (`skipped` names `entities`, with its reason); "
        "*none found*: the step ran and found no PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, WORK_OF_ART, LAW or "
        "PRODUCT. *With gold entities*: of those documents, the ones CoNLL tags entities in. *Unmapped*: mentions "
        "the alignment could not place in the document's text (not scored).",
        "",
        "| pass | documents without entities | with gold entities | language reason | none found | unmapped |",
        "|---|---|---|---|---|---|",
    ]
    for run in passes:
        outcomes: Sequence[Outcome | None] = run.outcomes or [None] * len(documents)
        empty = [(d, o) for d, p, o in zip(documents, run.predictions, outcomes, strict=True) if not p]
        language = [d for d, o in empty if o is not None and o.entities_skipped is not None]
        unmapped = sum(o.unmapped for o in run.outcomes) if run.outcomes is not None else "–"
        lines.append(
            f"| {run.name} | {len(empty)} | {sum(1 for d, _ in empty if d.gold)} | {len(language)} | "
            f"{len(empty) - len(language)} | {unmapped} |"
        )
    for run in passes:
        if run.outcomes is None:
            continue
        routes = Counter(
            (o.analysis_language or "none", o.language_source or "–", o.entities_skipped or "–") for o in run.outcomes
        )
        lines += [
            "",
            f"**{run.name}**: documents by the enricher's route (`analysis_language`, `language_source`, the entity "
            "step's skip reason): "
            + "; ".join(f"{language} / {source} / {skip}: {n}" for (language, source, skip), n in routes.most_common())
            + ".",
        ]
    return lines


def breakdown(documents: Sequence[Document], run: Pass) -> list[str]:
    return [
        "",
        f"## Breakdown: {run.name}",
        *errors_by_kind(documents, run),
        *trimming(documents, run),
        *line_split(documents, run),
        *document_split(documents, run),
        *confusions(documents, run),
        *document_echoes(documents, run),
    ]


def errors_by_kind(documents: Sequence[Document], run: Pass) -> list[str]:
    false_positives: Counter[ErrorKind] = Counter()
    false_negatives: Counter[ErrorKind] = Counter()
    examples: defaultdict[ErrorKind, Counter[str]] = defaultdict(Counter)
    for document, prediction in zip(documents, run.predictions, strict=True):
        fps, fns = classify_errors(document.gold, prediction)
        for kind, span in fps:
            false_positives[kind] += 1
            examples[kind][f"{document.text[span.start:span.end]} ({span.label})"] += 1
        for kind, span in fns:
            false_negatives[kind] += 1
            if kind is ErrorKind.MISSED:
                examples[kind][f"{document.text[span.start:span.end]} ({span.label})"] += 1
    total = totals(documents, run)[ALL]
    lines = [
        "",
        f"### Errors by kind (micro F1 {total.f1:.3f})",
        "",
        "Every false positive and every false negative falls in exactly one kind. *F1 if fixed*: micro F1 had "
        "that kind's false positives been withdrawn and its false negatives found. Examples are the most "
        "frequent surfaces, with the predicted type (the gold type for *missed*).",
        "",
        "| kind | false positives | false negatives | F1 if fixed | frequent examples |",
        "|---|---|---|---|---|",
    ]
    for kind in ErrorKind:
        top = ", ".join(f"`{surface}` ×{n}" for surface, n in examples[kind].most_common(EXAMPLES))
        lines.append(
            f"| {kind.value} | {false_positives[kind]} | {false_negatives[kind]} | "
            f"{f1_if_fixed(total, false_positives[kind], false_negatives[kind]):.3f} | {top} |"
        )
    return lines


def line_split(documents: Sequence[Document], run: Pass) -> list[str]:
    parts: dict[str, tuple[int, dict[str, Counts]]] = {}
    for kind in LineKind:
        lines, scores = 0, {}
        for document, prediction in zip(documents, run.predictions, strict=True):
            ranges = document.ranges(kind)
            lines += len(ranges)
            scores = add_scores(scores, score(within(document.gold, ranges), within(prediction, ranges)))
        parts[kind.value] = (lines, scores)
    return [
        "",
        "### By kind of line",
        "",
        f"A line is one sentence; *ALL-CAPS*: capital letters and no lower-case ones (headlines, datelines); "
        f"*table*: otherwise at least {TABLE_SHARE:.0%} of its tokens are numbers (results, standings, prices); "
        "*prose*: the rest. A span belongs to the line it starts in. *F1 if like prose*: micro F1 over everything "
        "had these lines had the prose lines' precision and recall.",
        "",
        *split_table("lines", parts, totals(documents, run)[ALL], LineKind.PROSE.value),
    ]


def is_sports(text: str) -> bool:
    """Reuters heads a sports story with its sport: "SOCCER - SHEARER NAMED ...", "Boxing-Bruno quits ..."."""
    return text.casefold().startswith(SPORTS)


def document_split(documents: Sequence[Document], run: Pass) -> list[str]:
    parts: dict[str, tuple[int, dict[str, Counts]]] = {}
    for name, sports in (("sports", True), ("other", False)):
        chosen = [(d, p) for d, p in zip(documents, run.predictions, strict=True) if is_sports(d.text) is sports]
        scores: dict[str, Counts] = {}
        for document, prediction in chosen:
            scores = add_scores(scores, score(document.gold, prediction))
        parts[name] = (len(chosen), scores)
    return [
        "",
        "### Sports stories vs the rest",
        "",
        "*Sports*: the headline opens with a sport's name (" + ", ".join(SPORTS) + "), Reuters' slug. Results "
        "and standings name clubs by their towns (`Somerset`, `NEW YORK`), which CoNLL tags ORG. *F1 if like "
        "other*: micro F1 over everything had the sports stories had the other stories' precision and recall.",
        "",
        *split_table("documents", parts, totals(documents, run)[ALL], "other"),
    ]


def split_table(unit: str, parts: Mapping[str, tuple[int, dict[str, Counts]]], total: Counts, like: str) -> list[str]:
    """One row per part: its size in ``unit``, its scores, and the micro F1 had it been as good as part ``like``."""
    lines = [
        f"| {unit} | count | gold | predicted | correct | P | R | "
        + " | ".join(f"{t} F1" for t in TYPES) + f" | micro F1 | F1 if like {like} |",
        "|---|---|---|---|---|---|---|" + "---|" * len(TYPES) + "---|---|",
    ]
    for name, (count, scores) in parts.items():
        s = scores[ALL]
        lifted = "–" if name == like else f"{f1_like(total, s, parts[like][1][ALL]).f1:.3f}"
        lines.append(
            f"| {name} | {count} | {s.gold} | {s.predicted} | {s.correct} | {s.precision:.3f} | {s.recall:.3f} | "
            + " | ".join(f"{scores[t].f1:.3f}" for t in TYPES) + f" | {s.f1:.3f} | {lifted} |"
        )
    return lines


def f1_like(total: Counts, part: Counts, model: Counts) -> Counts:
    """The counts of ``total`` had its ``part`` been predicted with ``model``'s precision and recall."""
    correct = round(model.recall * part.gold)
    predicted = round(correct / model.precision) if model.precision else 0
    return Counts(total.gold, total.predicted - part.predicted + predicted, total.correct - part.correct + correct)


def trimming(documents: Sequence[Document], run: Pass) -> list[str]:
    fixed: Counter[str] = Counter()
    broken = 0
    after: dict[str, Counts] = {}
    for document, prediction in zip(documents, run.predictions, strict=True):
        trims = {span: trimmed(document.text, span) for span in prediction}
        for span, trimmed_span in trims.items():
            if trimmed_span != span:
                fixed[span.label] += trimmed_span in document.gold and span not in document.gold
                broken += span in document.gold
        after = add_scores(after, score(document.gold, set(trims.values())))
    return [
        "",
        f"Of the boundary errors, {sum(fixed.values())} predictions ({', '.join(f'{t} {fixed[t]}' for t in TYPES)}) "
        f"become exact when a leading \"the\" and a trailing possessive are dropped, and {broken} correct ones "
        f"would break: micro F1 {after[ALL].f1:.3f} with every prediction so trimmed "
        f"(now {totals(documents, run)[ALL].f1:.3f}).",
    ]


def confusions(documents: Sequence[Document], run: Pass) -> list[str]:
    pairs: Counter[tuple[str, str, str]] = Counter()
    examples: defaultdict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for document, prediction in zip(documents, run.predictions, strict=True):
        for gold, predicted in wrong_type_pairs(document.gold, prediction):
            key = (gold.label, predicted.label, prediction[predicted])
            pairs[key] += 1
            examples[key][document.text[gold.start : gold.end]] += 1
    lines = [
        "",
        f"### Most frequent wrong types (right span): {sum(pairs.values())} in all",
        "",
        "| gold → predicted (spaCy label) | count | frequent examples |",
        "|---|---|---|",
    ]
    for (gold_type, predicted_type, label), count in pairs.most_common(TOP_CONFUSIONS):
        top = ", ".join(
            f"`{s}` ×{n}" for s, n in examples[(gold_type, predicted_type, label)].most_common(EXAMPLES)
        )
        lines.append(f"| {gold_type} → {predicted_type} ({label}) | {count} | {top} |")
    return lines


def document_echoes(documents: Sequence[Document], run: Pass) -> list[str]:
    """How much a document-level rule (one type per surface, or tagging every occurrence of a surface predicted
    elsewhere) could fix: errors whose surface the model got right at another place of the same document."""
    missing: Counter[tuple[ErrorKind, bool]] = Counter()
    correct: Counter[bool] = Counter()
    for document, prediction in zip(documents, run.predictions, strict=True):
        _, false_negatives = classify_errors(document.gold, prediction)
        for kind, gold in false_negatives:
            missing[(kind, gold.label in elsewhere_labels(document.text, gold, prediction))] += 1
        for predicted in document.gold & prediction.keys():
            correct[bool(elsewhere_labels(document.text, predicted, prediction) - {predicted.label})] += 1

    def echoed(kind: ErrorKind) -> str:
        return f"{missing[(kind, True)]} of {missing[(kind, True)] + missing[(kind, False)]}"

    return [
        "",
        "### Help from the rest of the document",
        "",
        "Gold entities not found, by kind, whose surface (case-folded) is predicted with the gold type at another "
        "place of the same document:",
        "",
        *[f"- {kind.value}: {echoed(kind)}" for kind in ErrorKind if kind is not ErrorKind.SPURIOUS],
        "",
        f"The risk: {correct[True]} of {correct[True] + correct[False]} correct predictions have their surface "
        "predicted with another type elsewhere in the document (a vote could flip them).",
    ]


# ---- cross-article type votes (issue 17) ------------------------------------------


VOTED = "enricher + type votes"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d\d)-(\d\d)\b")
FIRST_DAY = datetime(1996, 8, 1, 12, tzinfo=UTC)


def document_time(text: str, previous: datetime) -> datetime:
    """A document's event time: its dateline's date ("LONDON 1996-08-30"), else the previous document's."""
    found = _ISO_DATE.search(text)
    return datetime(*map(int, found.groups()), 12, tzinfo=UTC) if found else previous


def voted_entities() -> Callable[[Doc], Prediction]:
    """``extract_entities``, then the stories stage's type votes (``services/enricher/type_votes.py``) over the
    documents in file order, as articles in time order: each document votes, and is decided by the votes of
    those before it and its own."""
    votes = TypeVotes(JsonRows())
    state = {"index": 0, "time": FIRST_DAY}

    def predict(doc: Doc) -> Prediction:
        index, state["index"] = state["index"], state["index"] + 1
        state["time"] = at = document_time(doc.text, state["time"])
        decided = votes.decide(f"doc-{index}", at, extract_entities(doc), copy_kind=copy_kind_of(doc.text))
        return {
            Span(mention.start, mention.end, LABEL_MAP[entity.label]): entity.label
            for entity in decided
            if entity.label in LABEL_MAP
            for mention in entity.mentions
        }

    return predict


def votes_note(documents: Sequence[Document], passes: Sequence[Pass]) -> list[str]:
    """What the votes pass is, and what it changed against the enricher alone, per type."""
    by_name = {run.name: totals(documents, run) for run in passes}
    if VOTED not in by_name:
        return []
    voted, alone = by_name[VOTED], by_name[ENRICHER]
    return [
        "",
        "## Cross-article type votes",
        "",
        f"**{VOTED}**: the {ENRICHER} pass's entities, then the stories stage's type votes "
        "(`services/enricher/type_votes.py`, shipped settings) over the documents in file order, each at its "
        "dateline's date: an entity's class follows the votes of the recent documents with its name (sports copy "
        "apart) when another class has 70% of them. Micro F1 "
        f"{alone[ALL].f1:.4f} → {voted[ALL].f1:.4f} ("
        + ", ".join(f"{t} {voted[t].f1 - alone[t].f1:+.4f}" for t in TYPES)
        + "). Per-rule and per-setting figures, chosen on train: `bench/reports/entity_typing.md`.",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--split", choices=sorted(SPLIT_FILES), default="dev",
                        help="dev (the report) or train (where the enricher's thresholds are chosen)")
    parser.add_argument("--report", type=Path, default=Path("bench/reports/ner_quality.md"))
    args = parser.parse_args(argv)
    file_name = SPLIT_FILES[args.split]
    if not (args.eval_dir / file_name).exists():
        print(f"skipped: no CoNLL-2003 {args.split} set at {args.eval_dir / file_name}")
        return 0
    write_report(args.report, evaluate(args.eval_dir, file_name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
