"""The lemma a count's noun is published as (``NumberFact.counted``): spaCy's, less two of its rule lemmatizer's
habits that split one noun into two keys a consumer would not group.

* A plural proper noun keeps its plural as its lemma ("600,000 Israelis" → "israelis", while "an Israeli" →
  "israeli"): the demonyms and party members news copy counts. A plural proper noun (tag NNPS) whose lemma is
  its text loses the plural ending here: "Israelis" → "israeli", "Palestinians" → "palestinian", "Tories" → "tory".
* A few plurals in "-es" take a rarer noun as their lemma ("doses" → "dos", "bases" → "basis", "serves" →
  "serf"): the table below gives the noun a count of them means.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["counted_lemma"]

# Plural → the noun counted, where the rule lemmatizer picks another noun ("100 doses" are doses, not DOS).
_PLURALS: dict[str, str] = {"doses": "dose", "bases": "base", "serves": "serve"}


def counted_lemma(noun: Token) -> str:
    lemma, text = noun.lemma_.lower(), noun.lower_
    if text in _PLURALS:
        return _PLURALS[text]
    if noun.tag_ == "NNPS" and lemma == text and text.isalpha():
        return _singular(text)
    return lemma


def _singular(plural: str) -> str:
    if plural.endswith("ies") and len(plural) > 4:
        return plural[:-3] + "y"
    if plural.endswith("s") and not plural.endswith("ss"):
        return plural[:-1]
    return plural
