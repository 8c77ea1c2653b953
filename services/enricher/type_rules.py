"""Context rules for the types the small English model confuses most (CoNLL-2003 train, ``bench/entity_typing.py``).

The model types a name by its look: a club named by its town is a place, a county cricket club a person, a tennis
player's surname an organisation. The words around a name, and the name's own words, often say better. Each rule
is named (``RULES``) so that a bench can measure it alone; rules were chosen, and their conditions set, on CoNLL
train only.

Per mention, from its context (``mention_label``):

- ``country``: a country's name (``gazetteer.py``) typed a person, organisation or group is a place (GPE).
- ``dateline``: a line's first name followed by a date or an agency ("KARACHI , Pakistan 1996-08-27", "LONDON,
  Aug 22 (Reuters) -") is the place the story was filed from.
- ``place_noun``: a name after a place noun ("the town of Karak", "the Chechen capital Grozny") is a place.
- ``place_preposition``: a name typed a person after "in", "near" or "outside" is a place ("fighting in Grozny");
  not for organisations, which news puts after "in" too ("a stake in Zorbco").
- ``org_noun``: a name after an organisation noun ("the state news agency Hina") or with an apposition headed by
  one ("Bamerindus , Brazil 's fourth-largest private bank ,") is an organisation (``ORGANISATION_NOUNS``).
- ``person_of_country``: "Goran Ivanisevic ( Croatia )", "Wang (Taiwan)": a name followed by a country in brackets
  is a person (results lists, line-ups), where the model says organisation or place; but when a score and another
  name follow ("Brann ( Norway ) 2 Shelbourne ( Ireland ) 1") it is a club.

- ``known_name``: a well-known organisation or place (``known_names.py``, hand-written) is one, where the model
  says otherwise (places outside sports copy only): what decides a name the article mentions once.

In sports copy only (``sports_copy.is_sports_copy``: two or more distinct sports words), where towns name clubs:

- ``club_in_brackets``: "Marc-Vivien Foe ( Lens )": a name in brackets that is not a country is the player's
  club (organisation), where the model says person or place.
- ``club_in_results``: a name at the start of a line or after a number, followed by a number ("Everton 3 1 2 0",
  "NEW YORK 5 Oakland 3", "Surrey 250-6"), is a team in a results or standings line, an organisation, unless it is
  a country (national teams are places) or the line is a dateline ("LONDON 1996-08-22").
- ``club_in_fixture``: "Leeds v Chelsea", "Leeds beat Chelsea": a place next to "v", "vs" or "beat" is a club.

Names the model did not find at all, from the layout of their line (``line_names.py``): ``results_names`` (teams in
results and standings rows of sports copy) and ``dateline_names`` (the place a dateline opens with).

Per entity, from its name (``name_label``), over the mentions' vote:

- ``org_suffix``: a name of two words or more ending in a company or institution word ("Corp", "Inc", "Ltd",
  "Group", "Bank", "plc", "AG", "SA", ...) is an organisation ("West Bank" is not: ``NOT_ORGANISATIONS``), and so
  is one word of eight letters or more ending in "bank" (Sberbank, Bundesbank, Belgazprombank).
- ``event_suffix``: a name of two words or more ending in an event word ("World Cup", "US Open", "Gulf War":
  ``EVENT_WORDS``) is an event (EVENT), where the model says organisation, person or place.
- ``given_name``: two or three words, the first a given name (US census lists, the ``names`` package, and
  ``MORE_GIVEN_NAMES``) written as one ("Ria", not the acronym "RIA") and the last capitalised, typed an
  organisation, place or product, is a person ("Andrzej Poczobut" typed ORG, "Andreas Heraf" GPE), unless the
  name is a country or ends in an organisation word. Given names that are also common place names (Paris, Sydney,
  Jordan, ...) are left out (``PLACE_GIVEN_NAMES``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span

from services.enricher.canonical import label_class
from services.enricher.gazetteer import is_country
from services.enricher.known_names import known_label
from services.enricher.sports_copy import is_sports_copy


def _word_set(text: str) -> frozenset[str]:
    """The words of a text block: long word lists read better as prose than as quoted items."""
    return frozenset(text.split())


RULES = ("country", "dateline", "place_noun", "org_noun", "person_of_country", "club_in_brackets", "club_in_results",
         "club_in_fixture", "org_suffix", "event_suffix", "given_name", "results_names", "dateline_names", "player_names", "known_name", "place_preposition", "country_names")

ORGANISATION_WORDS = frozenset({
    "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "plc", "co", "company", "group", "bank",
    "ag", "sa", "nv", "bv", "gmbh", "spa", "srl", "ab", "asa", "oy", "oyj", "kk", "holdings", "holding",
    "bancorp", "airlines", "airways", "motors", "industries", "international", "association", "federation",
    "union", "council", "committee", "commission", "ministry", "agency", "party", "institute", "university",
    "fc", "cf", "sc", "ac",
})
"""The last word (lower case, stops dropped) of an organisation's name."""
EVENT_WORDS = frozenset({"cup", "open", "championship", "championships", "games", "olympics", "prix", "series",
                         "tournament", "marathon", "trophy", "war"})
"""The last word of an event's name: "World Cup", "Hong Kong Open", "Belgian Grand Prix", "Gulf War". Not "League"
or "Tour": a league and a tour are organisations, whatever CoNLL's MISC says."""
NOT_ORGANISATIONS = frozenset({"west bank", "left bank", "south bank", "soviet union"})

PLACE_GIVEN_NAMES = frozenset({
    "paris", "sydney", "jordan", "austin", "houston", "dallas", "denver", "orlando", "madison", "charlotte",
    "victoria", "adelaide", "florence", "virginia", "carolina", "georgia", "savannah", "chelsea", "kent", "israel",
    "india", "china", "kenya", "santa", "san", "le", "la", "king", "prince", "queen", "royal", "golden", "major",
    "general", "christian", "will", "may", "june", "april", "august", "mark", "lincoln", "washington", "york",
    "phoenix", "aurora", "regina", "marion", "beverly", "hope", "joy", "sandy", "dale", "glen", "cleveland",
})
"""Given names of the census lists that begin place, team or other names too often to call a name a person's."""

_PERSON_CONFUSABLE = frozenset({"org", "place", "other"})
_NUMBER = re.compile(r"^[-+]?(?:\d+(?:[.,:/]\d+)*|\.\d+)$")
_DATELINE_REST = re.compile(r"\s*\d{4}-\d\d-\d\d\s*$")
DATELINE_TAIL = re.compile(
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*"
    r"(?:\d{4}-\d\d-\d\d|\([A-Z][\w ]*\)\s*[-\u2013\u2014]|,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}\b)"
)
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "state", "capital", "district", "port",
                         "county", "island", "suburb", "enclave", "municipality", "resort", "border"})
"""Nouns that name a kind of place: "the town of Karak", "the Chechen capital Grozny"."""
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside"})
"""Prepositions before a place, rarely before a person: "fighting in Grozny", "a village near Tavildara"."""
ORGANISATION_NOUNS = frozenset({
    "company", "firm", "bank", "group", "maker", "manufacturer", "producer", "carrier", "airline", "agency",
    "newspaper", "daily", "weekly", "broadcaster", "insurer", "retailer", "chain", "conglomerate", "operator",
    "subsidiary", "supplier", "exporter", "importer", "brokerage", "publisher", "distributor", "developer",
    "corporation", "carmaker", "automaker", "miner", "refiner", "lender", "utility", "unit", "club", "party",
})
"""Nouns that name a kind of organisation: "Cofinec, a Hungarian packaging firm,", "the state news agency Hina"."""
_CLAUSE_END = frozenset({",", ".", ";", ":", "(", ")", "\n"})
_APPOSITION_WORDS = 8
_FIXTURE_WORDS = frozenset({"v", "v.", "vs", "vs.", "beat", "beats"})


@dataclass(frozen=True)
class TypeContext:
    sports: bool
    rules: frozenset[str]
    text: str
    """The document's text, read once: ``Doc.text`` joins every token again on each call."""


def document_context(doc: Doc, rules: Iterable[str] = RULES) -> TypeContext:
    text = doc.text
    return TypeContext(sports=is_sports_copy(text), rules=frozenset(rules), text=text)


def mention_label(doc: Doc, span: Span, label: str, context: TypeContext) -> str:
    """The label of one mention, given its context; ``label`` (the model's) when no rule applies."""
    name_class = label_class(label)
    rules = context.rules
    if is_country(span.text):
        return "GPE" if "country" in rules and name_class != "place" else label
    if name_class != "place" and (("dateline" in rules and _opens_dateline(doc, span, context.text))
                                  or ("place_noun" in rules and _after_place_noun(doc, span))):
        return "GPE"
    if "place_preposition" in rules and name_class == "person" and _after_place_preposition(doc, span):
        return "GPE"
    if "org_noun" in rules and name_class != "org" and _org_noun_next_to(doc, span):
        return "ORG"
    if "person_of_country" in rules and _country_in_brackets_after(doc, span):
        if _score_and_name_after(doc, span.end + 3):
            return "ORG" if name_class != "org" else label
        if name_class in ("org", "place"):
            return "PERSON"
    known = known_label(span.text) if "known_name" in rules else None
    if known == "ORG" and name_class != "org":
        return "ORG"
    if not context.sports:
        return "GPE" if known == "GPE" and name_class != "place" else label
    if "club_in_brackets" in rules and name_class in ("person", "place") and _in_brackets(doc, span):
        return "ORG"
    if "club_in_results" in rules and name_class in ("person", "place", "other") and _in_results(doc, span, context.text):
        return "ORG"
    if "club_in_fixture" in rules and name_class == "place" and _in_fixture(doc, span):
        return "ORG"
    return label


def name_label(name: str, label: str, rules: Iterable[str] = RULES) -> str:
    """The label an entity's most complete name calls for; ``label`` (the vote of its mentions) otherwise."""
    words = name.replace(".", "").split()
    name_class = label_class(label)
    if len(words) == 1:
        compound_bank = len(name) >= 8 and name.lower().endswith("bank")
        return "ORG" if "org_suffix" in rules and name_class != "org" and compound_bank else label
    last = words[-1].lower()
    if "org_suffix" in rules and name_class != "org" and last in ORGANISATION_WORDS \
            and name.lower() not in NOT_ORGANISATIONS:
        return "ORG"
    if "event_suffix" in rules and name_class != "other" and last in EVENT_WORDS:
        return "EVENT"
    if "given_name" in rules and name_class in _PERSON_CONFUSABLE and len(words) <= 3 \
            and words[0].lower() in given_names() and (words[0].istitle() or name.isupper()) \
            and words[-1][:1].isupper() \
            and last not in ORGANISATION_WORDS and not is_country(name):
        return "PERSON"
    return label


MORE_GIVEN_NAMES = _word_set("""
andrzej wojciech krzysztof jerzy zbigniew tadeusz grzegorz tomasz piotr pawel jaroslaw lech donald
vladimir sergei sergey dmitry dmitri yevgeny evgeny mikhail aleksandr aleksei alexei alexey nikolai yuri boris
viktor viktar ales svetlana sviatlana tatiana yulia oksana volodymyr petro vitali vitaliy oleksandr andriy
igor oleg ivan pavel anatoly gennady vyacheslav valentina ludmila lyudmila natalia olga
muhammad mohammad ahmad ahmed mahmoud mahmud hassan hussein hosni yasser yasir abdullah abdul recep ali
benjamin ehud shimon yitzhak ariel bashar hafez saddam moammar muammar nouri nuri ayatollah
xi hu wen li deng jiang zhou mao kim shinzo junichiro narendra manmohan rahul sonia
jacques francois nicolas emmanuel angela helmut gerhard joschka silvio romano matteo giuseppe
jose luis juan carlos pedro miguel felipe hugo nicolas evo dilma lula jair
""")
"""Given names common in international news that the 1990 US census lists lack (documented here, not exhaustive)."""


@cache
def given_names() -> frozenset[str]:
    """Given names of the 1990 US census lists shipped by the ``names`` package (MIT) and ``MORE_GIVEN_NAMES``,
    without place-like ones."""
    found: set[str] = set(MORE_GIVEN_NAMES)
    for list_name in ("dist.male.first", "dist.female.first"):
        text = resources.files("names").joinpath(list_name).read_text(encoding="ascii")
        found.update(line.split()[0].lower() for line in text.splitlines() if line.strip())
    return frozenset(found - PLACE_GIVEN_NAMES)


def _token(doc: Doc, index: int) -> str | None:
    return doc[index].text if 0 <= index < len(doc) else None


def _country_in_brackets_after(doc: Doc, span: Span) -> bool:
    return (_token(doc, span.end) == "(" and _token(doc, span.end + 2) == ")"
            and is_country(doc[span.end + 1].text))


def _score_and_name_after(doc: Doc, index: int) -> bool:
    """A score, then a name: "Brann ( Norway ) 2 Shelbourne ( Ireland ) 1" names two clubs, not two players."""
    score, name = _token(doc, index), _token(doc, index + 1)
    return score is not None and name is not None and bool(_NUMBER.match(score)) and name[:1].isupper()


def _in_brackets(doc: Doc, span: Span) -> bool:
    return _token(doc, span.start - 1) == "(" and _token(doc, span.end) == ")"


def _in_results(doc: Doc, span: Span, text: str) -> bool:
    following = _token(doc, span.end)
    if following is None or not _NUMBER.match(following):
        return False
    line_end = text.find("\n", span.end_char)
    if _DATELINE_REST.match(text[span.end_char : line_end if line_end >= 0 else len(text)]):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    return before is None or "\n" in before.text or bool(_NUMBER.match(before.text))


def _opens_dateline(doc: Doc, span: Span, text: str) -> bool:
    """"KARACHI , Pakistan 1996-08-27", "LONDON, Aug 22 (Reuters) -", "MINSK (Reuters) -": a line's first name,
    followed by a date or an agency's name (after an optional ", Country")."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and "\n" not in before.text:
        return False
    return bool(DATELINE_TAIL.match(text, span.end_char))


def _after_place_noun(doc: Doc, span: Span) -> bool:
    before = (_token(doc, span.start - 1) or "").lower()
    if before == "of":
        return (_token(doc, span.start - 2) or "").lower() in PLACE_NOUNS
    return before in PLACE_NOUNS


def _after_place_preposition(doc: Doc, span: Span) -> bool:
    return (_token(doc, span.start - 1) or "").lower() in PLACE_PREPOSITIONS


def _org_noun_next_to(doc: Doc, span: Span) -> bool:
    """An organisation noun just before the name, or heading an apposition after it: "news agency Hina",
    "Bamerindus , Brazil 's fourth-largest private bank ,"."""
    if (_token(doc, span.start - 1) or "").lower() in ORGANISATION_NOUNS:
        return True
    if _token(doc, span.end) != ",":
        return False
    last = None
    for token in doc[span.end + 1 : span.end + 1 + _APPOSITION_WORDS]:
        if token.text in _CLAUSE_END or "\n" in token.text:
            return last is not None and last.lower() in ORGANISATION_NOUNS
        last = token.text
    return False


def _in_fixture(doc: Doc, span: Span) -> bool:
    return any((_token(doc, i) or "").lower() in _FIXTURE_WORDS for i in (span.start - 1, span.end))
