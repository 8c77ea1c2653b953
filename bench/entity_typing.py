"""Entity types: what each type rule and the cross-article type votes do, chosen on CoNLL-2003 train, reported on dev.

    python -m bench.entity_typing [--eval-dir DIR] [--report bench/reports/entity_typing.md]

Both splits are read as ``bench/ner_quality.py`` reads dev (text rebuilt from the tokens, gold character spans,
exact-span scoring, spaCy labels mapped to PER / ORG / LOC / MISC) and parsed once by the enricher's pipeline. Then
``extract_entities`` runs over the parsed documents with the type rules (``services/enricher/type_rules.py``)
switched: none, each alone, all but each, all (the enricher). The type votes (``services/enricher/type_votes.py``)
run after all rules over the documents in file order, as the stories stage sees articles, with the event time of
each document's dateline. Rules were kept by their effect on **train** (each must lower micro F1 when taken
out); the votes' share is the lowest that costs no micro F1 on train, and sports copy votes apart because pooling
costs F1 there; dev is reported and was not used to choose anything. *Names typed two ways*: names (``name_key``,
per kind of copy) that get entities of two or more classes across the split's documents: what the votes are for.
CoNLL is research-only: read at run time, never copied, nothing trained on it. Skips cleanly when it is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import spacy
from spacy.tokens import Doc

from bench.ner_quality import (
    ALL,
    DEFAULT_EVAL_DIR,
    DEV_FILE,
    FIRST_DAY,
    LABEL_MAP,
    TYPES,
    Counts,
    Document,
    Span,
    add_scores,
    build_document,
    document_time,
    is_sports,
    read_conll,
    score,
)
from bench.report_file import write_report
from services.config import EnricherOptions
from services.contract.messages import Entity
from services.enricher.canonical import label_class, name_key
from services.enricher.entities import extract_entities
from services.enricher.sports_copy import SPORTS_MIN_WORDS, is_sports_copy
from services.enricher.type_rules import RULES
from services.enricher.type_votes import TypeVoteOptions, TypeVotes, copy_kind_of
from services.runtime.json_rows import JsonRows

TRAIN_FILE = "conllpp_train.txt"
SHARES = (0.5, 0.6, 0.7, 0.8)
"""The vote shares tried on train (``TypeVoteOptions.min_share``)."""


@dataclass(frozen=True)
class Split:
    name: str
    documents: list[Document]
    docs: list[Doc]
    times: list[datetime]


@dataclass(frozen=True)
class Run:
    name: str
    scores: dict[str, Counts]
    two_way: int
    names: int
    cpu_s: float


def load_split(eval_dir: Path, file_name: str, nlp: spacy.language.Language, batch_size: int) -> Split:
    with (eval_dir / file_name).open(encoding="utf-8") as lines:
        documents = [build_document(sentences) for sentences in read_conll(lines)]
    docs = list(nlp.pipe((d.text for d in documents), batch_size=batch_size))
    return Split(file_name.removeprefix("conllpp_").removesuffix(".txt"), documents, docs, event_times(documents))


def event_times(documents: Sequence[Document]) -> list[datetime]:
    times: list[datetime] = []
    for document in documents:
        times.append(document_time(document.text, times[-1] if times else FIRST_DAY))
    return times


def predictions(entities: Sequence[Entity]) -> set[Span]:
    return {Span(m.start, m.end, LABEL_MAP[e.label]) for e in entities if e.label in LABEL_MAP for m in e.mentions}


def run(split: Split, name: str, entities_of: Callable[[int, Doc], list[Entity]]) -> Run:
    began = time.process_time()
    scores: dict[str, Counts] = {}
    classes: defaultdict[str, set[str]] = defaultdict(set)
    for index, (document, doc) in enumerate(zip(split.documents, split.docs, strict=True)):
        entities = entities_of(index, doc)
        scores = add_scores(scores, score(document.gold, predictions(entities)))
        kind = copy_kind_of(document.text)
        for entity in entities:
            classes[kind + name_key(entity.canonical_name)].add(label_class(entity.label))
    two_way = sum(1 for found in classes.values() if len(found) > 1)
    return Run(name, scores, two_way, len(classes), time.process_time() - began)


def with_rules(rules: Sequence[str]) -> Callable[[int, Doc], list[Entity]]:
    return lambda _, doc: extract_entities(doc, rules)


def with_votes(split: Split, options: TypeVoteOptions, pooled: bool = False) -> Callable[[int, Doc], list[Entity]]:
    votes = TypeVotes(JsonRows(), options)

    def entities_of(index: int, doc: Doc) -> list[Entity]:
        kind = "" if pooled else copy_kind_of(doc.text)
        return votes.decide(f"doc-{index}", split.times[index], extract_entities(doc), copy_kind=kind)

    return entities_of


def rule_runs(split: Split) -> list[Run]:
    runs = [run(split, "no rules (the model's labels, grouped)", with_rules(()))]
    runs += [run(split, f"only `{rule}`", with_rules((rule,))) for rule in RULES]
    runs += [run(split, f"all but `{rule}`", with_rules(tuple(r for r in RULES if r != rule))) for rule in RULES]
    runs.append(run(split, "all rules (the enricher)", with_rules(RULES)))
    return runs


def vote_runs(split: Split, choices: bool) -> list[Run]:
    shipped = TypeVoteOptions()
    runs = [run(split, f"all rules + type votes (shipped: share {shipped.min_share}, {shipped.min_votes} votes, "
                       f"{shipped.window_days} days, sports apart)", with_votes(split, shipped))]
    if choices:
        for share in SHARES:
            options = TypeVoteOptions(min_share=share)
            runs.append(run(split, f"votes, share {share}, sports apart", with_votes(split, options)))
            runs.append(run(split, f"votes, share {share}, pooled", with_votes(split, options, pooled=True)))
    return runs


def table(runs: Sequence[Run], baseline: Run) -> list[str]:
    lines = [
        "| run | micro F1 | Δ | " + " | ".join(f"{t} F1 (Δ)" for t in TYPES) + " | P | R | names typed two ways |",
        "|---|---|---|" + "---|" * len(TYPES) + "---|---|---|",
    ]
    for entry in runs:
        s, b = entry.scores, baseline.scores
        cells = " | ".join(f"{s[t].f1:.3f} ({s[t].f1 - b[t].f1:+.3f})" for t in TYPES)
        lines.append(
            f"| {entry.name} | {s[ALL].f1:.4f} | {s[ALL].f1 - b[ALL].f1:+.4f} | {cells} | {s[ALL].precision:.3f} | "
            f"{s[ALL].recall:.3f} | {entry.two_way} of {entry.names} |"
        )
    return lines


def evaluate(eval_dir: Path) -> str:
    options = EnricherOptions()
    nlp = spacy.load(options.spacy_model)
    began = time.perf_counter()
    train = load_split(eval_dir, TRAIN_FILE, nlp, options.batch_size)
    dev = load_split(eval_dir, DEV_FILE, nlp, options.batch_size)
    lines = [
        "# Entity types: type rules and cross-article type votes (CoNLL-2003 train, then dev)",
        "",
        (f"Generated by `python -m bench.entity_typing` on {datetime.now(UTC):%Y-%m-%d}: train "
         f"{len(train.documents)} documents, dev {len(dev.documents)}; model `{options.spacy_model}`. Exact-span "
         "micro F1 as in `bench/reports/ner_quality.md`; Δ against the first row of each table."),
        "",
        __doc__.split("\n\n", 2)[2].strip().replace("\n", " "),
        "",
    ]
    results = {}
    for split, choices in ((train, True), (dev, False)):
        rules = rule_runs(split)
        votes = vote_runs(split, choices)
        results[split.name] = (rules, votes)
        all_rules = rules[-1]
        lines += [
            f"## {split.name}: type rules" + (" (where they were chosen)" if choices else " (reported, not tuned)"),
            "",
            *table(rules, rules[0]),
            "",
            f"## {split.name}: type votes after all rules" + (" (share and pooling chosen here)" if choices else ""),
            "",
            *table([all_rules, *votes], all_rules),
            "",
            sports_agreement(split),
            "",
            (f"Entity step CPU over {split.name}: {1000 * all_rules.cpu_s / len(split.documents):.2f} ms per "
             f"document with all rules, {1000 * rules[0].cpu_s / len(split.documents):.2f} ms with none, "
             f"{1000 * votes[0].cpu_s / len(split.documents):.2f} ms with the votes."),
            "",
        ]
    lines += [reading(*results[train.name], *results[dev.name]), "",
              f"Wall time for this report: {time.perf_counter() - began:.0f} s."]
    return "\n".join(lines) + "\n"


def sports_agreement(split: Split) -> str:
    """How the sports-copy test (``services/enricher/sports_copy.py``) agrees with Reuters' slug ("SOCCER - ...")."""
    slug = [is_sports(d.text) for d in split.documents]
    found = [is_sports_copy(d.text) for d in split.documents]
    both = sum(1 for s, f in zip(slug, found, strict=True) if s and f)
    extra = sum(1 for s, f in zip(slug, found, strict=True) if f and not s)
    return (f"Sports copy ({SPORTS_MIN_WORDS} or more distinct sports words) on {split.name}: {both} of {sum(slug)} "
            f"stories with a sports slug, and {extra} of {len(slug) - sum(slug)} others.")


def reading(train_rules: Sequence[Run], train_votes: Sequence[Run], dev_rules: Sequence[Run],
            dev_votes: Sequence[Run]) -> str:
    """What the runs say, computed: which rules train keeps, which vote setting it prefers, what dev shows."""
    all_rules = train_rules[-1].scores[ALL].f1
    helping = [r.name for r in train_rules if r.name.startswith("all but") and r.scores[ALL].f1 < all_rules]
    hurting = [r.name for r in train_rules if r.name.startswith("all but") and r.scores[ALL].f1 >= all_rules]
    apart = [r for r in train_votes[1:] if r.name.endswith("sports apart")]
    lowest_free = next((r for r in apart if r.scores[ALL].f1 >= all_rules), None)
    best = max(train_votes[1:], key=lambda r: r.scores[ALL].f1)
    pooled = {r.name.split(",")[1]: r.scores[ALL].f1 for r in train_votes[1:] if r.name.endswith("pooled")}
    pooling_costs = sum(1 for r in apart if pooled.get(r.name.split(",")[1], 1.0) < r.scores[ALL].f1)
    shipped_votes, dev_all, dev_none = dev_votes[0], dev_rules[-1], dev_rules[0]
    return (
        f"**Reading.** On train, {len(helping)} of {len(RULES)} rules lower micro F1 when taken out of the full set"
        + (f"; taking out {', '.join(hurting)} does not" if hurting else "")
        + f". Votes are for consistency, so the setting is the lowest share (most names decided) that costs no micro "
        f"F1 on train: *{lowest_free.name if lowest_free else 'none'}*"
        + (f" ({lowest_free.scores[ALL].f1:.4f} against {all_rules:.4f} without votes)" if lowest_free else "")
        + f"; the best F1 on train is *{best.name}* ({best.scores[ALL].f1:.4f}); shipped: *{train_votes[0].name}*. "
        f"Pooling sports copy with the rest costs micro F1 at {pooling_costs} of {len(apart)} shares (news votes for "
        f"the towns outvote their clubs), so sports copy votes apart. On dev, the rules move micro F1 "
        f"{dev_none.scores[ALL].f1:.4f} → {dev_all.scores[ALL].f1:.4f} ("
        + ", ".join(f"{t} {dev_all.scores[t].f1 - dev_none.scores[t].f1:+.3f}" for t in TYPES)
        + f"), and the votes {dev_all.scores[ALL].f1:.4f} → {shipped_votes.scores[ALL].f1:.4f}, with names typed "
        f"two ways {dev_all.two_way} → {shipped_votes.two_way} of {dev_all.names}. CoNLL types a name by its "
        "context (Chicago is LOC in news and ORG in a baseball table), so one type per name buys consistency for "
        "consumers (one key per name) rather than CoNLL score."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--report", type=Path, default=Path("bench/reports/entity_typing.md"))
    args = parser.parse_args(argv)
    missing = [name for name in (TRAIN_FILE, DEV_FILE) if not (args.eval_dir / name).exists()]
    if missing:
        print(f"skipped: no CoNLL-2003 {', '.join(missing)} in {args.eval_dir}")
        return 0
    write_report(args.report, evaluate(args.eval_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
