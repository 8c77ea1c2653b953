"""Names found by the layout of results rows and datelines, where the model found none."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from services.enricher.line_names import line_names
from services.enricher.type_rules import RULES, document_context

SPORTS = ("SOCCER - ZORBLAX LEAGUE RESULTS .\n"
          "The league's goalkeeper and striker of the season were named after the match .\n"
          "Tavo Rovers 3 Mirrow 1\n"
          "MONTREVAL 69 58 .543 11\n"
          "W L PCT GB\n"
          "Attendance 12,000\n"
          "K. Spiring 52 Norway 2\n")


def found(text: str, taken: tuple[str, ...] = (), rules: tuple[str, ...] = RULES) -> list[tuple[str, str]]:
    doc = spacy.blank("en")(text)
    spans = [doc.char_span(text.index(surface), text.index(surface) + len(surface), label="ORG") for surface in taken]
    assert all(isinstance(span, Span) for span in spans)
    return [(span.text, span.label_) for span in line_names(doc, spans, document_context(doc, rules))]


def test_teams_in_results_rows_are_organisations_countries_places_and_initials_people() -> None:
    assert found(SPORTS) == [("Tavo Rovers", "ORG"), ("Mirrow", "ORG"), ("MONTREVAL", "ORG"),
                             ("K. Spiring", "PERSON"), ("Norway", "GPE")]


def test_a_name_the_model_found_is_left_to_it() -> None:
    assert ("Mirrow", "ORG") not in found(SPORTS, taken=("Mirrow",))


def test_results_rows_count_only_in_sports_copy() -> None:
    business = "Quarterly figures .\nRevs 130 1,279\nZorbco 12 14\n"
    assert found(business) == []


def test_a_dateline_opens_with_the_place_it_was_filed_from() -> None:
    assert found("CAPE TOWN 1996-08-25\nThe rand fell .") == [("CAPE TOWN", "GPE")]
    assert found("ZORBGRAD , Zorbland 1996-08-26\nTalks began .") == [("ZORBGRAD", "GPE")]
    assert found("ZORBGRAD (Reuters) - Talks began .") == [("ZORBGRAD", "GPE")]


def test_a_headline_in_capitals_is_no_dateline() -> None:
    assert found("ZORBCO PROFIT RISES\nZorbco said on Monday .") == []


def test_each_rule_can_be_switched_off() -> None:
    assert found(SPORTS, rules=("dateline_names",)) == []
    assert found("CAPE TOWN 1996-08-25\nThe rand fell .", rules=("results_names",)) == []


TENNIS = ("TENNIS - ZORBLAX OPEN RESULTS .\n"
          "Results of the second round of the tournament , the seed said after the match :\n"
          "Tavo Marrin ( Sweden ) beat 2 - Kel Orvash ( Croatia ) 6-3 6-4\n"
          "Mirrow Rovers ( Norway ) 2 Zorb City ( Ireland ) 1\n"
          "Zorb City 1 ( Pirrel 35th , Wendo 74th ) .\n"
          "N. Speak c Orvash b Mullan 77\n")


def test_players_before_a_country_or_a_minute_initials_and_scorecards_are_people() -> None:
    names = found(TENNIS, rules=("player_names",))
    assert ("Tavo Marrin", "PERSON") in names and ("Kel Orvash", "PERSON") in names
    assert ("Pirrel", "PERSON") in names and ("Wendo", "PERSON") in names
    assert ("N. Speak", "PERSON") in names and ("Orvash", "PERSON") in names and ("Mullan", "PERSON") in names


def test_a_club_before_its_country_with_a_score_after_is_an_organisation() -> None:
    names = found(TENNIS, rules=("player_names",))
    assert ("Mirrow Rovers", "ORG") in names
    assert ("Zorb City", "PERSON") not in names


def test_outside_sports_copy_only_a_country_in_brackets_or_initials_make_a_person() -> None:
    text = "The board met on Monday .\nTavo Marrin ( Sweden ) chaired it , and J. Orvash spoke after 35th minutes .\n"
    assert found(text, rules=("player_names",)) == [("Tavo Marrin", "PERSON"), ("J. Orvash", "PERSON")]


def test_a_country_the_model_missed_is_a_place_unless_inside_a_longer_name() -> None:
    text = "Talks with Chile resumed , the Bank of England said , and Zorb Belgium Holdings agreed .\nENGLAND V PAKISTAN\n"
    assert found(text, rules=("country_names",)) == [("Chile", "GPE"), ("ENGLAND", "GPE"), ("PAKISTAN", "GPE")]
    assert found("Michael Jordan met officials of Chad in Jordan .", rules=("country_names",)) == []
