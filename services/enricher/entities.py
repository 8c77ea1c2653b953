"""spaCy entity spans → one ``Entity`` per real-world entity of the article.

Within an article, a mention joins the group of a longer name when its folded
tokens are that name's last tokens ("Lukashenko" after "Alexander Lukashenko")
or when both fold to the same name. The group's label is the vote of its
mentions, full names counting double: the small model calls one person PERSON,
ORG and PRODUCT in different sentences.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from services.enricher.canonical import canonical_key, clean_surface, fold_name, label_class
from services.messages import Entity, Mention

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# Labels a surname-only mention of a person is often given by mistake.
_PERSON_CONFUSIONS = frozenset({"PERSON", "ORG", "PRODUCT", "GPE", "NORP", "WORK_OF_ART"})


@dataclass
class _Group:
    folded: str
    mentions: list[tuple[Span, str]] = field(default_factory=list)
    """(span, cleaned surface)"""

    @property
    def tokens(self) -> list[str]:
        return self.folded.split()


def extract_entities(doc: Doc) -> list[Entity]:
    sentence_starts = [sentence.start_char for sentence in doc.sents]
    groups: list[_Group] = []
    for span in _named_spans(doc):
        surface = clean_surface(span.text)
        folded = fold_name(surface)
        if not folded:
            continue
        group = _find_group(groups, folded, span.label_)
        if group is None:
            group = _Group(folded)
            groups.append(group)
        elif len(folded.split()) > len(group.tokens):
            group.folded = folded
        group.mentions.append((span, surface))
    groups = _absorb_short_names(groups)
    entities = [_entity(group, sentence_starts) for group in groups]
    return _with_salience(entities, len(doc.text))


def _named_spans(doc: Doc) -> Iterator[Span]:
    """The model's named entities, cut at line breaks: a name never spans two lines, but the model joins a
    heading's last word to the next paragraph's first ("Babariko\n\nKolesnikova" as one ORG)."""
    for span in doc.ents:
        if span.label_ not in NAMED_LABELS:
            continue
        start = span.start
        for token in span:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield Span(doc, start, token.i, label=span.label_)
                start = token.i + 1
        if span.end > start:
            yield Span(doc, start, span.end, label=span.label_)


def _find_group(groups: list[_Group], folded: str, label: str) -> _Group | None:
    tokens = folded.split()
    for group in groups:
        if group.folded == folded:
            return group
        if _is_tail(tokens, group.tokens) and label in _PERSON_CONFUSIONS and _group_label(group) == "PERSON":
            return group
    return None


def _is_tail(short: list[str], long: list[str]) -> bool:
    return 0 < len(short) < len(long) and long[-len(short):] == short


def _absorb_short_names(groups: list[_Group]) -> list[_Group]:
    """Surnames seen before their full name ("Trump", later "Donald Trump") join the full name's group."""
    kept: list[_Group] = []
    for group in sorted(groups, key=lambda g: -len(g.tokens)):
        home = next(
            (g for g in kept if _is_tail(group.tokens, g.tokens) and _group_label(g) == "PERSON"),
            None,
        )
        if home is None:
            kept.append(group)
        else:
            home.mentions.extend(group.mentions)
    return kept


def _group_label(group: _Group) -> str:
    votes: Counter[str] = Counter()
    longest = max(len(fold_name(surface).split()) for _, surface in group.mentions)
    for span, surface in group.mentions:
        votes[span.label_] += 2 if len(fold_name(surface).split()) == longest else 1
    # Ties go to the label of the first full-name mention, so the vote is deterministic.
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    return ranked[0][0]


def _entity(group: _Group, sentence_starts: list[int]) -> Entity:
    mentions = sorted(group.mentions, key=lambda m: m[0].start_char)
    label = _group_label(group)
    canonical_name = max((surface for _, surface in mentions), key=lambda s: (len(s.split()), len(s)))
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
