"""What an article is about, as unit vectors over canonical entities, content words and stated figures.

Similarity between two articles = ``entity_weight`` × (cosine of their entity vectors) + ``number_weight`` ×
(cosine of their figure vectors) + the rest × (cosine of their term vectors); two articles are linked when it
reaches ``min_similarity`` (and their times are within the window), and stories are the connected components of
links. Each vector depends on its article alone and on fixed data shipped with the package, never on the other
articles of the stream, and is normalised to length 1, so a cosine is a plain sum of products over the shared
keys: a shard that owns some keys can add up its share of the dot product without knowing the rest of either
article.

* **Terms**: TF-IDF with sublinear tf, ``(1 + ln count) × idf``, the lead (first 1,200 characters) counted double
  (``services.stories.terms``), idf from a background corpus shipped as data (``services.stories.background_idf``:
  spaCy's English word probabilities, MIT); the 150 heaviest terms. Other languages keep flat idf (no table).
* **Entities**: salience of the 12 most salient canonical entities.
* **Figures**: 1 for each stated figure (value and what it counts, "123 prisoner"), dates and ranks left out.

Why (``bench/reports/story_quality.md``, one run of ``python -m bench.story_quality``; thresholds chosen on
WikiRef220 + seeds, reported on the timed set of ``bench.timed_story_set``): with the link model, the profile of
before (60 most frequent words with flat weights, entities 0.3, figures 0.1) scored B³ F1 0.830 at its best WikiRef
threshold (0.50) and, at that threshold, B³ F1 0.935 / pairwise F1 0.373 on the timed set (floor 0.910); this
profile scores 0.856 at 0.42 on WikiRef and 0.948 / 0.611 on the timed set (window 14 days). Its 1,200-character
lead had the best WikiRef score of about thirty one-change variants (a 400-character lead: 0.850, and 0.944 / 0.571
on the timed set; a gain of about one article on each set), and none of those variants scores above it on WikiRef.
IDF from a background corpus rather than flat weights matters on the timed set (everyday news of many topics, like
a production stream), where common words otherwise link unrelated articles; 150 terms rather than all (about 290 per
article) keeps the stored profile and the shards' dot products small at no measured cost; sentence embeddings
(all-MiniLM-L6-v2, ONNX int8) scored no better and cost about 75 ms of CPU per article against about 1 ms here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from services.config import StoriesOptions
from services.contract.messages import MULTIPLE_UNIT, EnrichedArticle
from services.stories.background_idf import idf_table
from services.stories.terms import ENGLISH, term_counts

ENTITY_PREFIX = "e:"
TERM_PREFIX = "t:"
NUMBER_PREFIX = "n:"
# Only the most salient entities and the heaviest words describe what an article is about; the tail is noise.
_ENTITY_PROFILE_SIZE = 12
TERM_PROFILE_SIZE = 150


def profile_of(enriched: EnrichedArticle) -> dict[str, float]:
    """Key → weight: ``e:<canonical key>``, ``t:<term>`` and ``n:<value>:<counted or unit>``, each kind a unit
    vector of its own."""
    salient = sorted(enriched.entities, key=lambda e: (-e.salience, e.canonical_key))[:_ENTITY_PROFILE_SIZE]
    entities: dict[str, float] = {}
    for entity in salient:
        key = ENTITY_PREFIX + entity.canonical_key
        entities[key] = max(entities.get(key, 0.0), entity.salience)
    weights = term_weights(enriched.article.text, enriched.article.language)
    heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERM_PROFILE_SIZE]
    terms = {TERM_PREFIX + term: weight for term, weight in heaviest}
    return {**unit_vector(entities), **unit_vector(terms), **unit_vector(figure_keys(enriched))}


def figure_keys(enriched: EnrichedArticle) -> dict[str, float]:
    """``n:<value>:<counted or unit>`` → 1.0 for each amount the article states (its dates and ordinals left out:
    when and in which rank say little about which happening a text reports; so do multiples, "twice", "three times
    higher", which any two texts may share)."""
    return {f"{NUMBER_PREFIX}{fact.value:.6g}:{fact.counted or fact.unit or ''}": 1.0 for fact in enriched.amounts()
            if fact.unit != MULTIPLE_UNIT}


def term_weights(text: str, language: str | None = None) -> dict[str, float]:
    """Term → (1 + ln count) × background idf (English; 1 for other languages), unnormalised."""
    counts = term_counts(text, language)
    english = (language or ENGLISH).split("-")[0].lower() == ENGLISH
    idf, unknown = idf_table() if english else ({}, 1.0)
    return {term: (1.0 + math.log(count)) * idf.get(term, unknown) for term, count in counts.items()}


def unit_vector(vector: Mapping[str, float]) -> dict[str, float]:
    """``vector`` scaled to length 1 (empty when it has none), so a dot product of two is their cosine."""
    norm = math.sqrt(sum(weight * weight for weight in vector.values()))
    return {key: weight / norm for key, weight in vector.items()} if norm else {}


def partial_dots(left: Mapping[str, float], right: Mapping[str, float]) -> Dots:
    """The dot products of each kind of vector over the keys both share."""
    sums = dict.fromkeys((ENTITY_PREFIX, TERM_PREFIX, NUMBER_PREFIX), 0.0)
    for key, weight in left.items():
        other = right.get(key)
        if other is not None:
            sums[key[:2]] += weight * other
    return Dots(sums[ENTITY_PREFIX], sums[TERM_PREFIX], sums[NUMBER_PREFIX])


class Dots(NamedTuple):
    entity: float
    term: float
    number: float

    def plus(self, other: Dots) -> Dots:
        return Dots(self.entity + other.entity, self.term + other.term, self.number + other.number)

    def similarity(self, options: StoriesOptions) -> float:
        term_weight = 1.0 - options.entity_weight - options.number_weight
        return options.entity_weight * self.entity + term_weight * self.term + options.number_weight * self.number
