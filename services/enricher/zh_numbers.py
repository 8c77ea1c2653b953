"""Number facts for Chinese (simplified and traditional), read by rules from the text: numbers in Arabic digits only.

* Digits with the English separators ("1,800", "12.5"), then 万/亿 and their kin ("1,800万" is 18000000), then
  what they are: a percent sign, a currency (美元, 欧元, 人民币; 元 alone is money without a code: yuan, New Taiwan
  dollars or Hong Kong dollars by region), a time unit (年, 个月, 天; an age with 岁), a measure unit (吨, 公里), or
  a measure word that makes a count (个, 名, 家). A bare number with none of these is dropped: without a parse it
  may be a footnote, a model number or part of a name ("6大洲").
* 多/余 after the number is the qualifier "more than" (120多个国家), as are 超过, 逾 before it; 约, 近, 至少 too.
* Dates: "2013年8月31日" (stated), "2月5日" (latest before publication), "今年2月1日"/"去年"/"明年" (the
  publication's year, or one off it: relative to publication), "2013年8月", "2013年" (a year).
* Numbers in Chinese numerals (三个月, 十二) are not read, nor ranges ("10至15"), nor times ("12:10").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from services.contract.messages import DateRule, NumberFact, NumberKind
from services.enricher import number_words as W
from services.enricher.dates import publication_day, resolve_day, safe_date
from services.enricher.fact_values import published_value
from services.enricher.spans import TakenSpans

__all__ = ["read_chinese_numbers"]

_SCALES = {"百": 100, "千": 10**3, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_MORE_THAN_AFTER = frozenset("多余餘")
_QUALIFIERS_BEFORE = {"超过": "more than", "超過": "more than", "逾": "more than", "大约": "about", "大約": "about",
                      "约": "about", "約": "about", "近": "nearly", "将近": "nearly", "將近": "nearly",
                      "至少": "at least", "多达": "up to", "多達": "up to", "不到": "less than"}
_CURRENCIES: dict[str, str | None] = {
    "美元": "USD", "欧元": "EUR", "歐元": "EUR", "人民币": "CNY", "人民幣": "CNY", "日元": "JPY", "日圓": "JPY",
    "港元": "HKD", "港币": "HKD", "港幣": "HKD", "英镑": "GBP", "英鎊": "GBP", "新台币": "TWD", "新台幣": "TWD",
    "元": None,
}
_DURATIONS = {"个月": "months", "個月": "months", "年": "years", "周": "weeks", "週": "weeks", "天": "days",
              "小时": "hours", "小時": "hours", "分钟": "minutes", "分鐘": "minutes"}
_AGE = frozenset("岁歲")
_UNITS = {"平方公里": "km2", "平方米": "m2", "公里": "km", "公斤": "kg", "千克": "kg", "吨": "tonnes", "噸": "tonnes",
          "公顷": "hectares", "公頃": "hectares", "千瓦": "kW", "兆瓦": "MW", "米": "m"}
_MEASURE_WORDS = frozenset("个個名位家人辆輛架座所项項条條次件起只隻头頭张張份台艘间間种種")
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "明年": 1}

_NUMBER = re.compile(r"(?<![0-9A-Za-z.,:/\-])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?(?![0-9A-Za-z]|[.,:/\-][0-9])")
_FULL_DATE = re.compile(r"(?<![0-9])([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号號]")
_DAY_MONTH = re.compile(r"(?:(今年|去年|明年)|(?<![0-9年]))([0-9]{1,2})月([0-9]{1,2})[日号號]")
_MONTH_YEAR = re.compile(r"(?<![0-9])([0-9]{4})年([0-9]{1,2})月(?![0-9])")
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})年(?![0-9代级級])")
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")
_RANGE = re.compile(r"\s*[至到~～\-–]\s*[0-9]")
_SYMBOLS = sorted((s for s in W.CURRENCY_SYMBOLS if not s.isalpha()), key=len, reverse=True)  # "US$" before "$"
_LONGEST_FIRST = sorted([*_CURRENCIES, *_DURATIONS, *_UNITS], key=len, reverse=True)


def read_chinese_numbers(text: str, sentences: Sequence[tuple[int, int]],
                         published_at: datetime | None) -> list[NumberFact]:
    starts = [start for start, _ in sentences]
    taken = TakenSpans()
    facts = _dates(text, publication_day(published_at), taken)
    for m in _NUMBER.finditer(text):
        if taken.overlaps(m.start(), m.end()) or _in_range(text, m.start(), m.end()):
            continue
        fact = _amount(text, m)
        if fact is not None and not taken.overlaps(fact.start, fact.end):
            facts.append(fact)
            taken.add(fact.start, fact.end)
    return [f.model_copy(update={"sentence": max(bisect_right(starts, f.start) - 1, 0)})
            for f in sorted(facts, key=lambda f: f.start)]


def _dates(text: str, today: date | None, taken: TakenSpans) -> list[NumberFact]:
    facts: list[NumberFact] = []

    def add(m: re.Match[str], year: int, month: int, day: int | None, rule: DateRule) -> None:
        if taken.overlaps(m.start(), m.end()):
            return
        if day is None:
            _add(facts, _fact(text, m.start(), m.end(), year, "date", date=f"{year:04d}-{month:02d}", rule=rule))
        elif (found := safe_date(year, month, day)) is not None:
            _add(facts, _fact(text, m.start(), m.end(), year, "date", date=found.isoformat(), rule=rule))
        taken.add(m.start(), m.end())  # a day that does not exist ("2月30日") holds no amount either

    for m in _FULL_DATE.finditer(text):
        add(m, int(m[1]), int(m[2]), int(m[3]), "stated")
    for m in _ISO_DATE.finditer(text):
        add(m, int(m[1]), int(m[2]), int(m[3]), "stated")
    for m in _DAY_MONTH.finditer(text):
        month, day = int(m[2]), int(m[3])
        if m[1] is not None and today is not None:
            add(m, today.year + _RELATIVE_YEARS[m[1]], month, day, "relative_to_publication")
        elif m[1] is None and (found := resolve_day(month, day, None, today)) is not None:
            add(m, found.year, month, day, "latest_before_publication")
    for m in _MONTH_YEAR.finditer(text):
        add(m, int(m[1]), int(m[2]), None, "stated")
    for m in _YEAR.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            _add(facts, _fact(text, m.start(), m.end(), int(m[1]), "year"))
            taken.add(m.start(), m.end())
    return facts


def _amount(text: str, m: re.Match[str]) -> NumberFact | None:
    value = Decimal(m[1].replace(",", "") + (m[2] or ""))
    if m[1].startswith("0") and len(m[1]) > 1:
        return None  # an id or a code
    pos, more_than = m.end(), False
    if text[pos:pos + 1] in _MORE_THAN_AFTER:  # "100多名"
        pos, more_than = pos + 1, True
    scaled_from = pos
    while text[pos:pos + 1] in _SCALES:
        value, pos = value * _SCALES[text[pos]], pos + 1
    if pos > scaled_from and text[pos:pos + 1] in _MORE_THAN_AFTER:  # "1万多人"
        pos, more_than = pos + 1, True
    qualifier = "more than" if more_than else _qualifier_before(text, m.start())
    start = m.start()
    if (symbol := _symbol_before(text, start)) is not None:
        return _fact(text, start - len(symbol), pos, value, "money", W.CURRENCY_SYMBOLS[symbol.lower()], qualifier)
    if text[pos:pos + 1] in ("%", "％"):
        return _fact(text, start, pos + 1, value, "percent", "%", qualifier)
    word = next((w for w in _LONGEST_FIRST if text.startswith(w, pos)), None)
    if word in _CURRENCIES:
        return _fact(text, start, pos + len(word), value, "money", _CURRENCIES[word], qualifier)
    if word in _DURATIONS:
        if word == "年" and (value >= 1000 or text[pos + 1:pos + 2].isdigit()):
            return None  # a year the date patterns did not take ("13年8月")
        return _fact(text, start, pos + len(word), value, "duration", _DURATIONS[word], qualifier)
    if word in _UNITS:
        return _fact(text, start, pos + len(word), value, "quantity", _UNITS[word], qualifier)
    if text[pos:pos + 1] in _AGE:
        return _fact(text, start, pos + 1, value, "age", "years", qualifier)
    if text[pos:pos + 1] in _MEASURE_WORDS or pos > scaled_from:
        return _fact(text, start, pos, value, "count", None, qualifier)  # "38个林地", "1,800万"
    return None


def _qualifier_before(text: str, start: int) -> str | None:
    return next((q for word, q in _QUALIFIERS_BEFORE.items() if text.endswith(word, 0, start)), None)


def _symbol_before(text: str, start: int) -> str | None:
    before = text[max(start - 4, 0):start].lower()
    return next((s for s in _SYMBOLS if before.endswith(s)), None)


def _in_range(text: str, start: int, end: int) -> bool:
    """Either end of "10至15" or "10-15"."""
    return _RANGE.match(text, end) is not None or re.search(r"[0-9]\s*[至到~～]\s*$", text[max(start - 4, 0):start]) \
        is not None


def _fact(text: str, start: int, end: int, value: Decimal | int, kind: NumberKind, unit: str | None = None,
          qualifier: str | None = None, date: str | None = None, rule: DateRule | None = None) -> NumberFact | None:
    """None when no float holds the value (``fact_values.BEYOND_FLOAT``)."""
    published = published_value(value)
    if published is None:
        return None
    return NumberFact(value=published.value, exact=published.exact, text=text[start:end], kind=kind, unit=unit,
                      qualifier=qualifier, date=date, date_rule=rule, sentence=0, start=start, end=end)


def _add(facts: list[NumberFact], fact: NumberFact | None) -> None:
    if fact is not None:
        facts.append(fact)
