"""Numbers of German, Norwegian and Swedish text, read by rules (``rule_numbers.py``).

Sentences marked with a source are quoted from the IPTC ninjs examples (MIT licence), in
``/work/shared/specs/ninjs/examples/``; the others write the separator and unit cases the brief names.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.contract.messages import NumberFact
from services.enricher.rule_numbers import read_numbers
from services.enricher.rule_words import GERMAN, NORWEGIAN, SWEDISH, NumberWords
from services.enricher.sentences import sentence_spans

PUBLISHED = datetime(2025, 12, 13, 18, 0, tzinfo=UTC)  # a Saturday

# 3.0/dpa_text.json (de, 2019-05-10)
DPA_SCORES = ("Der Trainer von Borussia Dortmund regte sich nach dem 2:4 im Revierderby gegen den FC Schalke 04 "
              "mächtig über den Handelfmeter zum zwischenzeitlichen 1:1 für die Gäste auf.")
DPA_MINUTE = ("Daniel Caligiuri nutzte den Elfmeter in der 18. Minute zum Ausgleich, danach kippte die Partie.")
DPA_RULE = "FAKTEN: In der Regel 12 «Fouls und unsportliches Betragen» der Fußball-Regeln des DFB heißt es: …"
DPA_THREE = "Dabei seien drei Umstände zu berücksichtigen: «die Bewegung der Hand zum Ball (nicht des Balls zur Hand)»."
DPA_PAPER = ("Eine Bewegung Weigls mit der Hand zum Ball «war hier nicht der Fall», sagte der frühere Top-Referee "
             "Kinhöfer der «Bild am Sonntag».")
# 3.0/ntb_text.json (nb-NO, 2019-08-09)
NTB = ("IT-giganten Google har kjøpt en tomt på nærmere 2.000 mål i Skien i tilfelle det blir behov for flere "
       "datasentre i Europa. ")
# 3.0/tt_text_image_3.json (sv, 2021-05-26): the body as the feed sends it, with its thin space in "25 000"
TT = ("Militärövning i jätteformat hålls 2023\nFörsvar TT\nPandemin satte stopp för den stora internationella "
      "militärövningen Aurora 2020 förra våren. Redan då sade Försvarsmakten att den skulle genomföras senare och nu "
      "står det klart att det blir 2023, rapporterar Sydöstran.\n– Aurora 2023 kommer att genomföras ungefär samma "
      "period som Aurora 20 var tänkt, det vill säga i april-maj, med fokus på södra Sverige och Gotland. Men hela "
      "landet kommer i olika omfattning att beröras, säger Jonas Svensson, kommunikationschef för Aurora 23, till "
      "TT.\nAurora 20 skulle omfatta 25\u2009000 deltagare från totalt 13 nationer och bli den största svenska "
      "försvarsövningen på decennier.")
# 3.0/tt_event_pressconference_3.0.json (sv, 2023-10-05): its headline and dateline
TT_EVENT = "Pk med finansminister Elisabeth Svantesson kl 16\nTorsdag 5 Oktober 2023, klockan 16:00"


def read(text: str, words: NumberWords, published_at: datetime | None = PUBLISHED) -> list[NumberFact]:
    return read_numbers(text, sentence_spans(text, words), published_at, words)


def brief(facts: list[NumberFact]) -> list[tuple[str, float, str, str | None]]:
    return [(f.text, f.value, f.kind, f.unit) for f in facts]


# ---- the agency examples ----------------------------------------------------


def test_scores_and_club_numbers_are_no_amounts():
    assert read(DPA_SCORES, GERMAN) == []


def test_a_determiner_makes_a_number_with_a_full_stop_an_ordinal():
    assert brief(read(DPA_MINUTE, GERMAN)) == [("18.", 18, "ordinal", None)]


def test_a_number_after_a_capitalised_word_is_a_label():
    assert read(DPA_RULE, GERMAN) == []


def test_a_spelled_number_is_a_count_without_a_counted_noun():
    (three,) = read(DPA_THREE, GERMAN)
    assert (three.text, three.value, three.kind, three.counted, three.predicate) == ("drei", 3, "count", None, None)


def test_a_weekday_closing_a_quoted_name_is_no_day():
    assert read(DPA_PAPER, GERMAN) == []


def test_norwegian_thousands_dot_and_a_local_unit_with_its_qualifier():
    (area,) = read(NTB, NORWEGIAN, datetime(2019, 8, 9, 9, 30, tzinfo=UTC))
    assert (area.text, area.value, area.kind, area.unit, area.qualifier) == (
        "2.000 mål", 2000, "quantity", "decares", "nearly")


def test_swedish_agency_text():
    facts = read(TT, SWEDISH, datetime(2021, 5, 26, 11, 40, tzinfo=UTC))
    # The exercise's names (Aurora 2020, Aurora 20, Aurora 23) are no facts; the year it is held in is one.
    assert brief(facts) == [("2023", 2023, "year", None), ("2023", 2023, "year", None),
                            ("25\u2009000", 25000, "count", None), ("13", 13, "count", None)]
    assert [f.sentence for f in facts] == [0, 3, 6, 6]


def test_swedish_dateline_and_clock_times():
    (day,) = read(TT_EVENT, SWEDISH, datetime(2023, 10, 5, 12, 10, tzinfo=UTC))
    assert (day.text, day.kind, day.date, day.date_rule, day.value) == (
        "Torsdag 5 Oktober 2023", "date", "2023-10-05", "stated", 2023)


# ---- separators, scales, percent, money --------------------------------------


@pytest.mark.parametrize(("words", "text", "expected"), [
    (GERMAN, "Der Umsatz stieg auf 2,4 Millionen.", ("2,4 Millionen", 2_400_000, "count", None)),
    (GERMAN, "Es waren 1.234,5 Tonnen.", ("1.234,5 Tonnen", 1234.5, "quantity", "tonnes")),
    (GERMAN, "Es kamen 25 000 Menschen.", ("25 000", 25000, "count", None)),
    (NORWEGIAN, "Det ble 1 234,5 tonn.", ("1 234,5 tonn", 1234.5, "quantity", "tonnes")),
    (NORWEGIAN, "Det ble 1\u00a0234,5 tonn.", ("1\u00a0234,5 tonn", 1234.5, "quantity", "tonnes")),
    (SWEDISH, "Det blev 1\u202f234,5 ton.", ("1\u202f234,5 ton", 1234.5, "quantity", "tonnes")),
    (NORWEGIAN, "Befolkningen økte med 2,4 millioner.", ("2,4 millioner", 2_400_000, "count", None)),
    (SWEDISH, "Befolkningen ökade med 2,4 miljoner.", ("2,4 miljoner", 2_400_000, "count", None)),
    (GERMAN, "Der Gewinn lag bei 2,4 Mrd. Euro.", ("2,4 Mrd. Euro", 2_400_000_000, "money", "EUR")),
    (NORWEGIAN, "Fondet tapte 2,4 milliarder kroner.", ("2,4 milliarder kroner", 2_400_000_000, "money", "NOK")),
    (NORWEGIAN, "Overskuddet var 3,1 mrd. kroner.", ("3,1 mrd. kroner", 3_100_000_000, "money", "NOK")),
    (NORWEGIAN, "Det kostet 1 234,5 mill. kr.", ("1 234,5 mill. kr", 1_234_500_000, "money", "NOK")),
    (SWEDISH, "Vinsten blev 3,2 mkr.", ("3,2 mkr", 3_200_000, "money", "SEK")),
    (SWEDISH, "Det kostade 500 kronor.", ("500 kronor", 500, "money", "SEK")),
    (SWEDISH, "Det kostade 40 norska kronor.", ("40 norska kronor", 40, "money", "NOK")),
    (NORWEGIAN, "Det kostet 500 svenske kroner.", ("500 svenske kroner", 500, "money", "SEK")),
    (NORWEGIAN, "Aksjen ble solgt for 12,5 NOK.", ("12,5 NOK", 12.5, "money", "NOK")),
    (SWEDISH, "Priset är SEK 99,50.", ("SEK 99,50", 99.5, "money", "SEK")),
    (GERMAN, "Das Ticket kostet €19,90.", ("€19,90", 19.9, "money", "EUR")),
    (GERMAN, "Das Ticket kostet 19,90 €.", ("19,90 €", 19.9, "money", "EUR")),
    (GERMAN, "Die Quote stieg auf 12,5 Prozent.", ("12,5 Prozent", 12.5, "percent", "%")),
    (GERMAN, "Die Quote stieg auf 12,5 %.", ("12,5 %", 12.5, "percent", "%")),
    (GERMAN, "Die Quote fiel um -0,3%.", ("-0,3%", -0.3, "percent", "%")),
    (NORWEGIAN, "Renten er 4,5 prosent.", ("4,5 prosent", 4.5, "percent", "%")),
    (SWEDISH, "Räntan är 4,5 procent.", ("4,5 procent", 4.5, "percent", "%")),
    (GERMAN, "Die Partei verlor 3 Prozentpunkte.", ("3 Prozentpunkte", 3, "quantity", "percentage points")),
    (GERMAN, "Er saß 14 Jahre in Haft.", ("14 Jahre", 14, "duration", "years")),
    (NORWEGIAN, "Mannen er 45 år gammel.", ("45 år gammel", 45, "age", "years")),
    (GERMAN, "Zwei Millionen Menschen leben dort.", ("Zwei Millionen", 2_000_000, "count", None)),
])
def test_one_amount(words, text, expected):
    assert brief(read(text, words)) == [expected]


def test_numbers_in_another_convention_are_dropped_not_misread():
    # English separators in German text: "2.5" is no German number, "1,234,567" neither.
    assert read("Es waren 2.5 Tonnen und 1,234,567 Menschen.", GERMAN) == []


@pytest.mark.parametrize(("words", "text", "value", "qualifier"), [
    (GERMAN, "Es kamen mehr als 500 Menschen.", 500, "more than"),
    (GERMAN, "Mehr als 1000 Menschen demonstrierten.", 1000, "more than"),  # a qualified four-digit number: no year
    (GERMAN, "Es kamen rund 500 Menschen.", 500, "about"),
    (NORWEGIAN, "Det kom i overkant av 500 personer.", 500, "over"),
    (SWEDISH, "Det kom drygt 500 personer.", 500, "over"),
])
def test_qualifiers_take_the_english_words(words, text, value, qualifier):
    (fact,) = read(text, words)
    assert (fact.kind, fact.value, fact.qualifier) == ("count", value, qualifier)


@pytest.mark.parametrize(("words", "text"), [
    (GERMAN, "Zwischen 10 bis 15 Menschen kamen."),
    (GERMAN, "Das Spiel beginnt um 16 Uhr."),
    (NORWEGIAN, "Kl. 16 kom statsministeren."),
    (SWEDISH, "Det blir 2000 deltagare."),  # a count or a year: only a parse could tell
    (GERMAN, "Er gewann mit 25. Die Gegner …"),  # "25." before a word: an ordinal or a sentence's end
    (GERMAN, "Anmeldung unter 1234567 oder in 10115 Berlin."),  # amounts have their digits grouped
    (GERMAN, "Der 34-Jährige wurde festgenommen."),
])
def test_what_rules_cannot_read_with_confidence_is_dropped(words, text):
    assert read(text, words) == []


# ---- dates ------------------------------------------------------------------


@pytest.mark.parametrize(("words", "text", "date", "rule"), [
    (GERMAN, "Am 13. Dezember 2025 kam es zum Streit.", "2025-12-13", "stated"),
    (NORWEGIAN, "Den 13. desember 2025 kom det.", "2025-12-13", "stated"),
    (SWEDISH, "Den 13 december 2025 kom det.", "2025-12-13", "stated"),
    (GERMAN, "Am 13.12.2025 kam es zum Streit.", "2025-12-13", "stated"),
    (SWEDISH, "Beslutet kom 2025-12-13.", "2025-12-13", "stated"),
    (GERMAN, "Am 24. Dezember kam es zum Streit.", "2024-12-24", "latest_before_publication"),
    (NORWEGIAN, "Det skjedde 13. desember.", "2025-12-13", "latest_before_publication"),
    (GERMAN, "Das war im Dezember 2024.", "2024-12", "stated"),
    (GERMAN, "Die Wahl am Donnerstag war knapp.", "2025-12-11", "weekday_before_publication"),
    (NORWEGIAN, "Det skjedde i går.", "2025-12-12", "relative_to_publication"),
    (SWEDISH, "Det hände igår.", "2025-12-12", "relative_to_publication"),
])
def test_dates_resolve_like_the_english_ones(words, text, date, rule):
    (day,) = read(text, words)
    assert (day.kind, day.date, day.date_rule) == ("date", date, rule)


def test_a_day_without_a_year_needs_the_publication_date():
    assert read("Am 24. Dezember kam es zum Streit.", GERMAN, published_at=None) == []


@pytest.mark.parametrize(("words", "text"), [
    (GERMAN, "Seit 2019 ist er im Amt."),
    (SWEDISH, "Övningen hålls 2023, säger han."),
])
def test_a_cued_four_digit_number_is_a_year(words, text):
    (year,) = read(text, words)
    assert (year.kind, year.value, year.date) == ("year", int(year.text), None)
