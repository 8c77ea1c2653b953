"""Number facts from a parsed article: what number, of what, under which verb.

Candidates come from spaCy's numeric entities plus ``like_num`` tokens the NER
missed; the dependency parse supplies what is counted and the governing verb.
The rules aim for precision: a span we cannot read with confidence is dropped,
never guessed.

Conventions (documented here because consumers depend on them):

* ``text``/``start``/``end`` cover the number and its unit or currency, not the
  qualifier ("more than 100 people" → text "100", qualifier "more than").
* ``counted`` is the counted noun's ``lemma_`` lowercased; spaCy keeps "people"
  as "people" (not "person").
* Dates: a full date gives kind "date", ``date`` "YYYY-MM-DD"; month + year gives
  kind "date", ``date`` "YYYY-MM"; a bare year gives kind "year" and no ``date``.
  ``value`` is always the year. Day-month without a year, weekdays and
  today/yesterday/tomorrow resolve to the most recent such day on or before
  publication, and are dropped when ``published_at`` is None. "December 12 and
  13" gives one fact per day. A bare month ("in May") is dropped: its tense is
  unknown.
* Durations ("14 years", "two days") have kind "duration", a plural unit, and
  no ``counted``.
* A lone "one" that is not a numeric modifier ("one of the opponents") is a
  pronoun, not a count, and is dropped; so are numbers glued to ids by
  "-", "/" or ":" ("5-4", "COVID-19"), numbers labelling a preceding noun
  ("room 12"), and numeric ranges ("between 10 and 15").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import chain, pairwise

from spacy.tokens import Doc, Token

from services.enricher import number_words as W
from services.messages import NumberFact, NumberKind

__all__ = ["extract_numbers"]

_AMOUNT_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# ASCII only: unicode digits ("²") pass isdigit() but are not numbers we can read.
_DIGITS = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_SUFFIXED = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?)([a-z]+)$")
_DIGIT_ORDINAL = re.compile(r"^([0-9]+)(?:st|nd|rd|th)$")
_DATE_FILLERS = frozenset({"the", "of", "on", "in", "and", ","})
# Words that make a DATE span relative to something other than publication.
_RELATIVE_MARKERS = frozenset({"ago", "old", "aged", "later", "earlier", "before", "after"})
_YEAR_PREPOSITIONS = frozenset({"in", "since", "by", "until", "from", "before", "after", "during"})
_GLUE = frozenset("-–/:")


@dataclass(frozen=True)
class _Draft:
    first: int
    """Token indices, inclusive."""
    last: int
    value: Decimal | int
    kind: NumberKind
    unit: str | None = None
    counted: Token | None = None
    date: str | None = None
    anchor: Token | None = None
    """Where the walk up to the governing verb starts."""


def extract_numbers(doc: Doc, published_at: datetime | None) -> list[NumberFact]:
    today = _publication_day(published_at)
    drafts: list[_Draft] = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            drafts += _date_drafts(doc, ent.start, ent.end, today)
        elif ent.label_ == "TIME":
            drafts += _duration_drafts(doc, ent.start, ent.end)
        elif ent.label_ == "ORDINAL":
            drafts += _ordinal_drafts(doc, ent.start, ent.end)
        elif ent.label_ in _AMOUNT_LABELS:
            drafts += _amount_drafts(doc, ent.start, ent.end, ent.label_, today)
    drafts += _stray_drafts(doc, today)
    return _finalise(doc, drafts)


# ---- amounts: counts, money, percentages, quantities ------------------------


def _amount_drafts(doc: Doc, start: int, end: int, label: str | None, today: date | None) -> list[_Draft]:
    if start > 0 and doc[start - 1].lower_ in ("a", "an") and _starts_group(doc, start - 1):
        start -= 1  # the NER leaves the article out of "a dozen"
    first = next((i for i in range(start, end) if _starts_group(doc, i)), None)
    if first is None:
        return []
    money = label == "MONEY" or (first > 0 and doc[first - 1].lower_ in W.CURRENCY_SYMBOLS)
    group = _group(doc, first, end, money)
    value = _value(group, money)
    if value is None or _range_follows(doc, group[-1].i):
        return []
    last = group[-1].i
    root = _root(group)
    if first > 0 and doc[first - 1].lower_ in W.CURRENCY_SYMBOLS:
        return [_Draft(first - 1, _currency_end(doc, last, label)[0], value, "money",
                       W.CURRENCY_SYMBOLS[doc[first - 1].lower_], anchor=root)]
    if (percent_end := _percent_end(doc, last)) is not None:
        return [_Draft(first, percent_end, value, "percent", "%", anchor=root)]
    currency_end, unit = _currency_end(doc, last, label)
    if unit is not None or label == "MONEY":
        return [_Draft(first, max(currency_end, end - 1), value, "money", unit, anchor=root)]
    if (unit_tok := _duration_unit_after(doc, last)) is not None:
        return [_Draft(first, unit_tok.i, value, "duration", W.DURATION_UNITS[unit_tok.lemma_.lower()],
                       anchor=root)]
    if label == "QUANTITY":
        words = " ".join(t.lower_ for t in doc[last + 1:end] if not t.is_punct)
        return [_Draft(first, max(last, end - 1), value, "quantity", W.QUANTITY_UNITS.get(words, words or None),
                       anchor=root)]
    return _count_drafts(doc, group, value, root, today)


def _count_drafts(doc: Doc, group: list[Token], value: Decimal, root: Token, today: date | None) -> list[_Draft]:
    head = root.head
    first, last = group[0].i, group[-1].i
    if _month(head) and head.i < root.i and root.dep_ in ("nummod", "conj"):
        # "December 12 and 13": the NER tags "13" CARDINAL; it is another day of that month.
        return _day_of_month_drafts(head, root, _year_of_entity(head), today)
    if len(group) == 1 and root.lower_ == "one" and root.dep_ != "nummod":
        return []
    if root.dep_ in ("nummod", "compound") and head.i < root.i and head.pos_ in ("NOUN", "PROPN"):
        return []  # "room 12", "Article 5": a label, not a quantity
    if len(group) == 1 and _year(root) and head.lower_ in _YEAR_PREPOSITIONS:
        return [_Draft(first, last, int(root.text), "year", anchor=root)]
    counted = _counted(root)
    return [_Draft(first, last, value, "count", counted=counted, anchor=counted or root)]


def _range_follows(doc: Doc, last: int) -> bool:
    """'between 10 and 15', '2 or 3': neither end alone is what the text states."""
    link, nxt = _token(doc, last + 1), _token(doc, last + 2)
    if link is None or nxt is None or link.lower_ not in ("and", "to", "or", "-", "–"):
        return False
    same_span = nxt.ent_iob_ == "I" if doc[last].ent_type_ else not nxt.ent_type_
    return same_span and _starts_group(doc, nxt.i)


def _percent_end(doc: Doc, last: int) -> int | None:
    nxt = _token(doc, last + 1)
    if nxt is not None and nxt.lower_ in W.PERCENT_WORDS:
        return nxt.i
    after = _token(doc, last + 2)
    if nxt is not None and after is not None and nxt.lower_ == "per" and after.lower_ == "cent":
        return after.i
    return None


def _currency_end(doc: Doc, last: int, label: str | None) -> tuple[int, str | None]:
    """The last token of a trailing currency ("48 dollars", "300 Belarusian rubles") and its code."""
    nxt = _token(doc, last + 1)
    nation = None
    if nxt is not None and nxt.pos_ == "ADJ":
        nation, nxt = nxt.lower_, _token(doc, last + 2)
    if nxt is None:
        return last, None
    lemma = nxt.lemma_.lower()
    if nxt.text in W.CURRENCY_CODES:
        code = nxt.text
    elif lemma in W.CURRENCY_WORDS and (lemma != "pound" or label == "MONEY"):
        code = W.CURRENCY_WORDS[lemma]
    else:
        return last, None
    return nxt.i, W.CURRENCY_BY_NATION.get((nation or "", code), code)


def _duration_unit_after(doc: Doc, last: int) -> Token | None:
    nxt = _token(doc, last + 1)
    if nxt is not None and nxt.text == "-" and not doc[last].whitespace_:
        nxt = _token(doc, last + 2)
    if nxt is not None and nxt.lemma_.lower() in W.DURATION_UNITS:
        return nxt
    return None


def _counted(root: Token) -> Token | None:
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound") and head.i != root.i:
        # Climb over adjectives the parser may hang the number on ("eight other prisoners").
        while head.pos_ in ("ADJ", "NUM") and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.i > root.i:
            return head
    for prep in root.children:  # partitive: "three of the prisoners"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
    return None


# ---- ordinals ---------------------------------------------------------------


def _ordinal_drafts(doc: Doc, start: int, end: int) -> list[_Draft]:
    found = next(((t, v) for t in reversed(doc[start:end]) if (v := _ordinal_value(t)) is not None), None)
    if found is None:
        return []
    tok, value = found
    first = tok.i
    # "twenty-first": the tens word sits two tokens back, across the hyphen.
    if first - 2 >= start and doc[first - 1].text == "-" and doc[first - 2].lower_ in W.SMALL_NUMBERS:
        value += W.SMALL_NUMBERS[doc[first - 2].lower_]
        first -= 2
    counted = _counted(tok)
    return [_Draft(first, tok.i, value, "ordinal", counted=counted, anchor=counted or tok)]


def _ordinal_value(tok: Token) -> int | None:
    if (m := _DIGIT_ORDINAL.match(tok.lower_)) is not None:
        return int(m.group(1))
    return W.ORDINAL_WORDS.get(tok.lower_)


# ---- dates and durations ----------------------------------------------------


def _date_drafts(doc: Doc, start: int, end: int, today: date | None) -> list[_Draft]:
    toks = list(doc[start:end])
    if any(t.lower_ in _RELATIVE_MARKERS for t in toks):
        return []
    # "November 22 and Saturday", "July 6 and 7, 2021": read each conjunct on its
    # own, sharing the month and the year with the conjuncts that lack them.
    years = [t for t in toks if _year(t)]
    shared_year = years[0] if len(years) == 1 else None
    cuts = [start - 1, *(t.i for t in toks if t.lower_ in ("and", "&")), end]
    drafts: list[_Draft] = []
    month: Token | None = None
    for lo, hi in pairwise(cuts):
        segment = list(doc[lo + 1:hi])
        day = next((t for t in segment if _day(t) is not None), None)
        own_month = next((t for t in segment if _month(t)), None)
        if own_month is None and month is not None and day is not None \
                and all(t is day or t.is_punct or _year(t) for t in segment):
            drafts += _day_of_month_drafts(month, day, shared_year, today)
        elif segment:
            drafts += _date_segment(doc, segment, shared_year, today)
        month = own_month or month
    return drafts


def _date_segment(doc: Doc, toks: list[Token], shared_year: Token | None, today: date | None) -> list[_Draft]:
    months = [t for t in toks if _month(t)]
    if not months and any(t.lemma_.lower() in W.DURATION_UNITS for t in toks):
        return _duration_drafts(doc, toks[0].i, toks[-1].i + 1)
    years = [t for t in toks if _year(t)]
    if months:
        return _calendar_drafts(toks, months, years, shared_year, today)
    numbers = [t for t in toks if _starts_group(doc, t.i)]
    if len(years) == 1 and numbers == years:
        return [_Draft(years[0].i, years[0].i, int(years[0].text), "year", anchor=years[0])]
    core = [t for t in toks if t.lower_ not in _DATE_FILLERS]
    if today is None or len(core) != 1:
        return []
    word = core[0].lower_
    if word in W.WEEKDAYS:
        offset = -((today.weekday() - W.WEEKDAYS[word]) % 7)
    elif word in W.RELATIVE_DAYS:
        offset = W.RELATIVE_DAYS[word]
    else:
        return []
    try:
        day = today + timedelta(days=offset)
    except OverflowError:  # a publication date at the edge of the calendar
        return []
    return [_Draft(core[0].i, core[0].i, day.year, "date", date=day.isoformat(), anchor=core[0])]


def _calendar_drafts(toks: list[Token], months: list[Token], years: list[Token], shared_year: Token | None,
                     today: date | None) -> list[_Draft]:
    month = months[0]
    day = next((t for t in toks if abs(t.i - month.i) == 1 and _day(t) is not None), None)
    day_number = _day(day) if day is not None else None
    year = years[0] if len(years) == 1 else None
    parts = [t for t in (month, day, year) if t is not None]
    parts += [t for t in toks if t.lower_ in W.WEEKDAYS and abs(t.i - month.i) <= 2]  # "Saturday, December 13"
    known = {t.i for t in parts}
    extra = [t for t in toks if t.i not in known and t.lower_ not in _DATE_FILLERS]
    if extra or len(months) > 1 or len(years) > 1:
        # "the end of May 2020": the year is still a fact, the rest is too vague.
        if year is not None and len(years) == 1:
            return [_Draft(year.i, year.i, int(year.text), "year", anchor=year)]
        return []
    first, last = min(known), max(known)
    year = year or shared_year
    m = W.MONTHS[month.lower_.rstrip(".")]
    if day_number is None:
        if year is None:
            return []
        return [_Draft(first, last, int(year.text), "date", date=f"{int(year.text):04d}-{m:02d}", anchor=month)]
    resolved = _resolve(m, day_number, int(year.text) if year is not None else None, today)
    if resolved is None:
        return []
    return [_Draft(first, last, resolved.year, "date", date=resolved.isoformat(), anchor=month)]


def _day_of_month_drafts(month: Token, day_tok: Token, year: Token | None, today: date | None) -> list[_Draft]:
    resolved = _resolve(W.MONTHS[month.lower_.rstrip(".")], _day(day_tok) or 0,
                        int(year.text) if year is not None else None, today)
    if resolved is None:
        return []
    return [_Draft(day_tok.i, day_tok.i, resolved.year, "date", date=resolved.isoformat(), anchor=day_tok)]


def _year_of_entity(month: Token) -> Token | None:
    """The year in the DATE entity that holds ``month`` ("July 6, 2021" + "and 7")."""
    doc, years = month.doc, []
    for i in range(month.i + 1, min(month.i + 6, len(doc))):
        if doc[i].ent_type_ != "DATE" or doc[i].ent_iob_ == "B":
            break
        if _year(doc[i]):
            years.append(doc[i])
    return years[0] if len(years) == 1 else None


def _resolve(month: int, day: int, year: int | None, today: date | None) -> date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if today is None:
        return None
    # Loop a few years back so a February 29 still finds its leap year.
    for y in range(today.year, today.year - 8, -1):
        candidate = _safe_date(y, month, day)
        if candidate is not None and candidate <= today:
            return candidate
    return None


def _duration_drafts(doc: Doc, start: int, end: int) -> list[_Draft]:
    unit = next((t for t in doc[start:end] if t.lemma_.lower() in W.DURATION_UNITS), None)
    if unit is None:
        return []
    stop = unit.i - 1 if doc[unit.i - 1].text == "-" else unit.i
    # The number must end right before the unit: "several years" has none.
    for i in range(start, stop):
        if _starts_group(doc, i):
            group = _group(doc, i, stop, money=False)
            if group[-1].i == stop - 1 and (value := _value(group, money=False)) is not None:
                return [_Draft(i, unit.i, value, "duration", W.DURATION_UNITS[unit.lemma_.lower()],
                               anchor=_root(group))]
    return []


# ---- numbers the NER missed -------------------------------------------------


def _stray_drafts(doc: Doc, today: date | None) -> list[_Draft]:
    drafts: list[_Draft] = []
    covered = -1
    for tok in doc:
        # Tokens in other entities ("Boeing 737", "G7") are names, not numbers.
        if tok.i <= covered or tok.ent_type_ or not tok.like_num:
            continue
        if _DIGIT_ORDINAL.match(tok.lower_):
            found = _ordinal_drafts(doc, tok.i, tok.i + 1)
        elif _starts_group(doc, tok.i):  # not "first" ("at first"), nor a scale word mid-number
            limit = tok.i + 1
            while limit < len(doc) and not doc[limit].ent_type_ and not doc[limit].is_sent_start:
                limit += 1
            found = _amount_drafts(doc, tok.i, limit, None, today)
        else:
            continue
        covered = max((d.last for d in found), default=covered)
        drafts += found
    return drafts


# ---- spelled and written values ---------------------------------------------


def _starts_group(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if _DIGITS.match(tok.text) or _SUFFIXED.match(tok.lower_) or tok.lower_ in W.SMALL_NUMBERS:
        return True
    nxt = _token(doc, i + 1)
    return tok.lower_ in ("a", "an") and nxt is not None and (nxt.lower_ in W.MULTIPLIERS or nxt.lower_ in W.SCALES)


def _group(doc: Doc, first: int, limit: int, money: bool) -> list[Token]:
    group = [doc[first]]
    for j in range(first + 1, limit):
        tok, prev, nxt = doc[j], doc[j - 1], _token(doc, j + 1)
        if _continues_number(tok, money):
            group.append(tok)
        elif tok.text == "-" and not prev.whitespace_ and not tok.whitespace_ and nxt is not None \
                and nxt.i < limit and nxt.lower_ in W.SMALL_NUMBERS:
            group.append(tok)  # "twenty-five"
        elif tok.lower_ == "and" and prev.lower_ in (W.MULTIPLIERS.keys() | W.SCALES.keys()) \
                and nxt is not None and nxt.i < limit and nxt.lower_ in W.SMALL_NUMBERS:
            group.append(tok)  # "one hundred and twenty", but not "12 and 13"
        else:
            break
    return group


def _continues_number(tok: Token, money: bool) -> bool:
    word = tok.lower_
    return bool(_DIGITS.match(tok.text)) or word in W.SMALL_NUMBERS or word in W.MULTIPLIERS \
        or word in W.SCALES or (money and word in W.MONEY_SUFFIXES)


def _value(group: list[Token], money: bool) -> Decimal | None:
    words: list[str] = []
    for tok in group:
        m = _SUFFIXED.match(tok.lower_)
        if m is not None and not _DIGITS.match(tok.text):
            if not money or m.group(2) not in W.MONEY_SUFFIXES:
                return None  # "3bn" is money; "16km" or "Ok16"-like tokens are not ours to read
            words += [m.group(1), m.group(2)]
        else:
            words.append(tok.lower_)
    total, current = Decimal(0), None
    for word in words:
        if word in ("-", "and", "a", "an"):
            continue
        if _DIGITS.match(word):
            if current is not None:
                return None  # two numerals in a row: a range or a list
            current = Decimal(word.replace(",", ""))
        elif word in W.SMALL_NUMBERS:
            small = W.SMALL_NUMBERS[word]
            if current is None:
                current = Decimal(small)
            elif (current >= 100 and current % 100 == 0 and small < 100) or \
                    (current >= 20 and current % 10 == 0 and current % 100 != 0 and small < 10):
                current += small
            else:
                return None
        elif word in W.MULTIPLIERS:
            current = (Decimal(1) if current is None else current) * W.MULTIPLIERS[word]
        elif word in W.SCALES or (money and word in W.MONEY_SUFFIXES):
            scale = W.SCALES.get(word) or W.MONEY_SUFFIXES[word]
            total += (Decimal(1) if current is None else current) * scale
            current = None
        else:
            return None
    return total + (current or 0)


# ---- small helpers ----------------------------------------------------------


def _finalise(doc: Doc, drafts: list[_Draft]) -> list[NumberFact]:
    sent_starts = [s.start for s in doc.sents]
    facts: list[NumberFact] = []
    taken_until = -1
    for d in sorted(drafts, key=lambda d: (d.first, -d.last, d.kind)):
        start, end = doc[d.first].idx, doc[d.last].idx + len(doc[d.last].text)
        if d.first <= taken_until or _glued(doc.text, start, end):
            continue
        taken_until = d.last
        facts.append(NumberFact(
            value=float(d.value), text=doc.text[start:end], kind=d.kind, unit=d.unit,
            counted=d.counted.lemma_.lower() if d.counted is not None else None,
            qualifier=_qualifier(doc, d) if d.kind not in ("date", "year", "ordinal") else None,
            predicate=_predicate(doc, d), date=d.date,
            sentence=bisect_right(sent_starts, d.first) - 1, start=start, end=end,
        ))
    return facts


def _qualifier(doc: Doc, d: _Draft) -> str | None:
    for phrase in W.QUALIFIERS:
        begin = d.first - len(phrase)
        if begin < 0 or tuple(t.lower_ for t in doc[begin:d.first]) != phrase:
            continue
        last = doc[d.first - 1]
        if last.tag_ == "RP" or any(t.is_sent_start for t in doc[begin + 1:d.first + 1]):
            continue  # "handed over 114 people": a verb particle, not "more than"
        if d.first <= last.head.i <= d.last or doc[d.first].ent_iob_ == "I":
            return " ".join(phrase)
    return None


def _predicate(doc: Doc, d: _Draft) -> str | None:
    start = d.anchor if d.anchor is not None else doc[d.first]
    for tok in chain([start], start.ancestors):
        if tok.pos_ not in ("VERB", "AUX") or d.first <= tok.i <= d.last:
            continue
        if tok.lemma_.lower() == "be" and d.counted is not None:
            # "Nine people pardoned in Belarus are…": the participle says more than "be".
            participle = next((c for c in d.counted.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
            if participle is not None:
                tok = participle
        particle = next((c for c in tok.children if c.dep_ == "prt"), None)
        if particle is None and (nxt := _token(doc, tok.i + 1)) is not None and nxt.tag_ == "RP":
            particle = nxt  # the parser sometimes hangs "over" on the number instead of the verb
        lemma = tok.lemma_.lower()
        return f"{lemma} {particle.lower_}" if particle is not None else lemma
    return None


def _root(group: list[Token]) -> Token:
    indices = {t.i for t in group}
    outside = [t for t in group if t.head.i not in indices or t.head.i == t.i]
    return outside[-1] if outside else group[-1]


def _glued(text: str, start: int, end: int) -> bool:
    before, after = text[max(start - 2, 0):start], text[end:end + 2]
    return (len(before) == 2 and before[1] in _GLUE and before[0].isalnum()) or \
        (len(after) == 2 and after[0] in _GLUE and after[1].isalnum())


def _token(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def _month(tok: Token) -> bool:
    # "may" the verb is lowercase; month names are capitalised in news copy.
    return tok.text[:1].isupper() and tok.lower_.rstrip(".") in W.MONTHS


def _year(tok: Token) -> bool:
    return len(tok.text) == 4 and tok.text.isascii() and tok.text.isdigit() and 1000 <= int(tok.text) <= 2199


def _day(tok: Token) -> int | None:
    m = _DIGIT_ORDINAL.match(tok.lower_)
    text = m.group(1) if m is not None else tok.text
    if len(text) <= 2 and text.isascii() and text.isdigit() and 1 <= int(text) <= 31:
        return int(text)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _publication_day(published_at: datetime | None) -> date | None:
    if published_at is None:
        return None
    try:
        return (published_at.astimezone(UTC) if published_at.tzinfo else published_at).date()
    except OverflowError:  # year 1 or 9999 shifted out of range: the local date is close enough
        return published_at.date()
