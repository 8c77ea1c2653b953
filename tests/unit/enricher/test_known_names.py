"""Well-known names decide a one-mention entity's type; places only outside sports copy."""

from __future__ import annotations

import spacy
from spacy.language import Language

from services.enricher.entities import extract_entities
from services.enricher.known_names import KNOWN_ORGANISATIONS, KNOWN_PLACES, known_label
from services.enricher.type_rules import RULES


def _blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def labelled(nlp: Language, text: str, spans: list[tuple[str, str]], rules: tuple[str, ...] = RULES) -> dict[str, str]:
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(surface), text.index(surface) + len(surface), label=label)
                for surface, label in spans]
    return {entity.canonical_name: entity.label for entity in extract_entities(doc, rules)}


def test_listed_names_have_their_type_in_any_spelling_the_key_folds() -> None:
    assert known_label("Gazprom") == "ORG" and known_label("GAZPROM") == "ORG"
    assert known_label("Minsk") == "GPE" and known_label("Kyiv") == "GPE"
    assert known_label("Zorblax") is None


def test_no_name_is_listed_twice_or_both_a_place_and_an_organisation() -> None:
    assert len(set(KNOWN_ORGANISATIONS)) == len(KNOWN_ORGANISATIONS)
    assert not {name.lower() for name in KNOWN_PLACES} & {name.lower() for name in KNOWN_ORGANISATIONS}


def test_a_one_mention_company_and_city_get_their_type_over_the_model_s() -> None:
    nlp = _blank()
    text = "Belgazprombank is controlled by Gazprom, the officials in Minsk said."
    got = labelled(nlp, text, [("Belgazprombank", "ORG"), ("Gazprom", "GPE"), ("Minsk", "ORG")])
    assert got["Gazprom"] == "ORG" and got["Minsk"] == "GPE"
    without = labelled(nlp, text, [("Gazprom", "GPE"), ("Minsk", "ORG")], tuple(r for r in RULES if r != "known_name"))
    assert without == {"Gazprom": "GPE", "Minsk": "ORG"}


def test_in_sports_copy_a_city_may_be_its_club() -> None:
    nlp = _blank()
    text = "Soccer: the striker scored a goal as Barcelona won the league match."
    assert labelled(nlp, text, [("Barcelona", "ORG")])["Barcelona"] == "ORG"
