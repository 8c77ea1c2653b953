"""spaCy entity spans → one ``Entity`` per real-world entity of the article.

Within an article, a mention joins the group of a longer name when its folded
tokens are that name's last tokens ("Lukashenko" after "Alexander Lukashenko")
or when both fold to the same name. The group's label is the vote of its
mentions, full names counting double: the small model calls one person PERSON,
ORG and PRODUCT in different sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from services.contract.messages import Entity, Mention
from services.enricher.canonical import canonical_key, clean_surface, fold_name, label_class
from services.enricher.line_names import NOT_TEAM_WORDS, line_names
from services.enricher.sports_copy import SPORTS_WORDS
from services.enricher.table_spans import TableRows
from services.enricher.type_rules import RULES, document_context, mention_label, name_label

NAMED_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
DECIDED_WEIGHT = 3
"""The vote of a mention a type rule labelled (a full name's is 2, a shorter one's 1): more than the model's, as its
context is better evidence. CoNLL train micro F1 with the first seven rules, by this weight: 1 0.6933, 2 0.6969,
3 0.6974, 5 0.6977 (3: past a full name's vote, no further)."""
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
# Labels a surname-only mention of a person is often given by mistake.
_PERSON_CONFUSIONS = frozenset({"PERSON", "ORG", "PRODUCT", "GPE", "NORP", "WORK_OF_ART"})


@dataclass
class _Group:
    folded: str
    mentions: list[tuple[Span, str]] = field(default_factory=list)
    """(span, cleaned surface)"""
    decided: set[int] = field(default_factory=set)
    """Start offsets of the mentions a type rule labelled: their context is stronger evidence than the model's."""
    tokens: list[str] = field(init=False)
    """``folded``'s words (asked for on every mention of the article: split once)."""

    def __post_init__(self) -> None:
        self.tokens = self.folded.split()


class _Groups:
    """An article's groups in the order they were found, indexed by their last word: a mention can only join a
    group whose name ends as its own does (the same name, or a surname), so it looks at those alone, not at every
    group of a long article."""

    def __init__(self) -> None:
        self.in_order: list[_Group] = []
        self._by_last_word: dict[str, list[_Group]] = {}

    def add(self, group: _Group) -> None:
        self.in_order.append(group)
        self._by_last_word.setdefault(_last_word(group.tokens), []).append(group)

    def ending_with(self, word: str) -> list[_Group]:
        return self._by_last_word.get(word, [])


def extract_entities(doc: Doc, rules: Collection[str] = RULES) -> list[Entity]:
    """``rules``: the type rules to apply (``type_rules.RULES``, all by default; benches switch them one by one)."""
    sentence_starts = [sentence.start_char for sentence in doc.sents]
    context = document_context(doc, rules)
    found = _Groups()
    model_spans = list(TableRows(doc).kept(_named_spans(doc)))
    # Names found by the lines' layout (results rows, datelines) where the model found none: their context decides.
    by_layout = list(line_names(doc, model_spans, context))
    laid_out = {span.start for span in by_layout}
    for span in sorted([*model_spans, *by_layout], key=lambda span: span.start):
        label = mention_label(doc, span, span.label_, context)
        decided = label != span.label_ or span.start in laid_out
        if decided:
            span = Span(doc, span.start, span.end, label=label)
        surface = clean_surface(span.text)
        folded = fold_name(surface)
        if not folded:
            continue
        group = _find_group(found, folded, span.label_, rules)
        if group is None:
            group = _Group(folded)
            found.add(group)
        group.mentions.append((span, surface))
        if decided:
            group.decided.add(span.start_char)
    groups = _absorb_short_names(found.in_order, rules)
    _add_repeated_mentions(doc, groups, context.text)
    entities = merge_same_keys([_entity(group, sentence_starts, context.rules) for group in groups])
    return _with_salience(entities, len(context.text))


def _named_spans(doc: Doc) -> Iterator[Span]:
    """The model's named entities, cut at line breaks and trimmed of a leading "the" and a possessive.

    A name never spans two lines, but the model joins a heading's last word to the next paragraph's first
    ("Babariko\n\nKolesnikova" as one ORG). Mentions are the name itself: "the United States" and
    "Poczobut's" are mentions of "United States" and "Poczobut" (CoNLL dev: +0.03 F1)."""
    for span in doc.ents:
        if span.label_ not in NAMED_LABELS:
            continue
        start = span.start
        for token in span:
            if token.is_space and "\n" in token.text:
                yield from _trimmed(doc, start, token.i, span.label_)
                start = token.i + 1
        yield from _trimmed(doc, start, span.end, span.label_)


NOT_NAMES = frozenset((NOT_TEAM_WORDS | SPORTS_WORDS | {"qualifier", "aggregate", "winner", "yellow", "red"})
                      - {"may", "olympic"})
"""Words the model tags as a one-word name in results, scorecards and headlines that are not one: headings, months,
sports words (not "May", which is Theresa May too, nor "Olympic"). CoNLL train, with one-word lower-case spans:
micro F1 0.7960 -> 0.7992."""


def _trimmed(doc: Doc, start: int, end: int, label: str) -> Iterator[Span]:
    """The span without a leading "the" or punctuation, and without a possessive, punctuation or lower-case words at
    its end ("Xinhua news agency", "Marcelo Rios of", "Vt ." are "Xinhua", "Marcelo Rios", "Vt"; CoNLL train: micro
    F1 +0.003)."""
    while end - start > 1 and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end - start > 1 and (doc[end - 1].text in _POSSESSIVE_TOKENS or doc[end - 1].is_punct
                               or doc[end - 1].is_lower):
        end -= 1
    if end - start == 1 and (doc[start].is_lower or doc[start].lower_ in NOT_NAMES):
        return  # "bush", "congress"; a results table's "Attendance", a headline's "CRICKET"
    if end > start:
        yield Span(doc, start, end, label=label)


def _add_repeated_mentions(doc: Doc, groups: list[_Group], text: str) -> None:
    """Find the other places a found name is written, which the model missed (a name it tagged once in prose is
    often untagged in a headline or a later sentence). Whole words, the name as found, or in capitals on a
    line written all in capitals; the longest name wins; never over an existing mention."""
    owners: dict[str, _Group] = {}
    labels = {id(group): _group_label(group) for group in groups}
    for group in groups:
        for span, _ in group.mentions:
            if len(span.text) >= 2 and span.text[:1].isupper():
                owners.setdefault(span.text, group)
    for group in groups:
        if labels[id(group)] == "PERSON":
            # A person's surname alone: "FOWLER" in a headline, after "Robbie Fowler" in the story.
            for span, _ in group.mentions:
                surname = span[-1].text
                if len(span) >= 2 and len(surname) >= 3 and surname.istitle():
                    owners.setdefault(surname, group)
    if not owners:
        return
    taken = bytearray(len(text))  # 1 on each character of a mention: one look per occurrence, not one per mention
    for group in groups:
        for span, _ in group.mentions:
            taken[span.start_char : span.end_char] = b"\x01" * (span.end_char - span.start_char)
    for start, end, name in _whole_word_occurrences(text, list(owners)):
        if any(taken[start:end]):
            continue
        group = owners[name]
        span = doc.char_span(start, end, label=labels[id(group)])
        if span is None:
            continue  # not on token boundaries ("US" inside "US-led" is one token)
        group.mentions.append((span, clean_surface(span.text)))
        taken[start:end] = b"\x01" * (end - start)


def _whole_word_occurrences(text: str, names: list[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of every whole-word occurrence: one scan per spelling, longest names first."""
    longest_first = sorted(names, key=len, reverse=True)
    for match in _alternation(longest_first).finditer(text):
        yield match.start(), match.end(), match.group()
    in_capitals = {name.upper(): name for name in reversed(longest_first) if name.upper() != name}
    if not in_capitals:
        return
    for match in _alternation(sorted(in_capitals, key=len, reverse=True)).finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line.upper() == line:
            yield match.start(), match.end(), in_capitals[match.group()]


def _alternation(names: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def _find_group(groups: _Groups, folded: str, label: str, rules: Collection[str]) -> _Group | None:
    """The first group with the same name, or, for a mention the model may have mislabelled, a person's group whose
    name ends with it. A group found by its name has as many words as the mention, one found by its end more: a
    group's name never changes."""
    tokens = folded.split()
    for group in groups.ending_with(_last_word(tokens)):
        if group.folded == folded:
            return group
        if _is_tail(tokens, group.tokens) and label in _PERSON_CONFUSIONS and _is_person(group, rules):
            return group
    return None


def _last_word(tokens: list[str]) -> str:
    return tokens[-1] if tokens else ""  # a name folded to blanks is found by its name alone


def _is_person(group: _Group, rules: Collection[str]) -> bool:
    """Whether the group's entity will be a person, as ``_entity`` labels it: by its most complete name
    ("Marcelo Claure" the model called an organisation) and its mentions' vote. Surnames the model mislabels
    ("Neumann" three times an organisation after one "Adam Neumann") must not turn the full name away from the
    later surnames that belong to it."""
    return _final_label(group, rules) == "PERSON"


def _final_label(group: _Group, rules: Collection[str]) -> str:
    """The entity's label: what its most complete name calls for (the first such form in the text, as
    ``_entity`` names it), else its mentions' vote."""
    in_text_order = sorted(group.mentions, key=lambda m: m[0].start_char)
    return name_label(_most_complete(surface for _, surface in in_text_order), _group_label(group), rules)


def _is_tail(short: list[str], long: list[str]) -> bool:
    return 0 < len(short) < len(long) and long[-len(short):] == short


def _absorb_short_names(groups: list[_Group], rules: Collection[str]) -> list[_Group]:
    """Surnames seen before their full name ("Trump", later "Donald Trump") join the full name's group."""
    kept = _Groups()
    for group in sorted(groups, key=lambda g: -len(g.tokens)):
        home = next((g for g in kept.ending_with(_last_word(group.tokens))
                     if _is_tail(group.tokens, g.tokens) and _is_person(g, rules)), None)
        if home is None:
            kept.add(group)
        else:
            home.mentions.extend(group.mentions)
            home.decided |= group.decided
    return kept.in_order


def _group_label(group: _Group) -> str:
    votes: Counter[str] = Counter()
    longest = max(len(fold_name(surface).split()) for _, surface in group.mentions)
    for span, surface in group.mentions:
        if span.start_char in group.decided:
            votes[span.label_] += DECIDED_WEIGHT
        else:
            votes[span.label_] += 2 if len(fold_name(surface).split()) == longest else 1
    # Ties go to the label of the first full-name mention, so the vote is deterministic.
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    return ranked[0][0]


def _entity(group: _Group, sentence_starts: list[int], rules: Collection[str]) -> Entity:
    mentions = sorted(group.mentions, key=lambda m: m[0].start_char)
    canonical_name = _most_complete(surface for _, surface in mentions)
    label = _final_label(group, rules)
    return Entity(
        text=mentions[0][1],
        label=label,
        canonical_key=canonical_key(label, canonical_name),
        canonical_name=canonical_name,
        mentions=[
            Mention(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                sentence=bisect_right(sentence_starts, span.start_char) - 1,
            )
            for span, _ in mentions
        ],
        salience=0.0,
    )


def _most_complete(names: Iterable[str]) -> str:
    """The canonical name: the form with the most words, then the longest ("Maria Kolesnikova" over "Kolesnikova")."""
    return max(names, key=lambda name: (len(name.split()), len(name)))


def merge_same_keys(entities: Sequence[Entity]) -> list[Entity]:
    """One entity per key, mentions merged in text order, the most complete name and the higher salience kept: the
    key folds more than the grouping does ("Kiev" and "Kyiv", "Bashar Assad" and "Bashar al-Assad"), and consumers
    identify an entity's events by its key."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        first = merged.get(entity.canonical_key)
        if first is None:
            merged[entity.canonical_key] = entity
            continue
        mentions = sorted([*first.mentions, *entity.mentions], key=lambda mention: mention.start)
        canonical_name = _most_complete([first.canonical_name, entity.canonical_name])
        text = first.text if first.mentions[0].start <= entity.mentions[0].start else entity.text
        merged[entity.canonical_key] = first.model_copy(
            update={"mentions": mentions, "canonical_name": canonical_name, "text": text,
                    "salience": max(first.salience, entity.salience)}
        )
    return list(merged.values())


def _with_salience(entities: list[Entity], text_length: int) -> list[Entity]:
    """Salience: mostly how often, partly how early the entity is mentioned; the top entity scores near 1."""
    if not entities:
        return []
    most = max(len(entity.mentions) for entity in entities)
    scored = []
    for entity in entities:
        frequency = len(entity.mentions) / most
        earliness = 1 - entity.mentions[0].start / max(text_length, 1)
        scored.append(entity.model_copy(update={"salience": round(0.7 * frequency + 0.3 * earliness, 4)}))
    return sorted(scored, key=lambda e: (-e.salience, e.canonical_key))


__all__ = ["NAMED_LABELS", "extract_entities", "label_class"]
