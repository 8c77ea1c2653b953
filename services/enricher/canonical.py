"""Canonical entity keys: the same entity gets the same key in every article, with no shared state.

The key is ``<class>:<folded name>``. A fold only merges spellings that English-language news really produces for
one name (transliteration systems, house styles, stripped diacritics); a rule that would also merge two different
real entities is left out, and the pair that forbids it is in ``tests/unit/enricher/name_variants.py``, with the
variant sets each rule is for and the sets that stay split.

``fold_name`` (shared with the within-article grouping of ``entities.py``), in order:

1. Possessives and a leading "the" are dropped ("Poczobut's" → poczobut, "the Kremlin" → kremlin).
2. Unicode → ASCII. Letters with no decomposition are spelled out (ł → l, ß → ss, Turkish dotless ı → i, so
   Kılıçdaroğlu is not cut to "klcdaroglu"), then decomposition drops the marks (Łukaszenka → lukaszenka,
   Erdoğan → erdogan); Unicode dashes count as hyphens (a non-breaking hyphen must not glue "Jong‑un" together).
   Case folded.
3. Apostrophes inside a word are deleted, not spaced: typographic ones vanish in step 2, and O'Connor / O’Connor,
   al-Qa'ida / al-Qa’ida must agree.
4. Other punctuation becomes a space; whitespace collapsed (Kim Jong-un = Kim Jong Un, Jean-Luc = Jean Luc).
5. Runs of one-letter words are initials and join (J. K. Rowling = J.K. Rowling = JK Rowling → "jk rowling",
   U.S. = US). George W. Bush keeps his lone "w", so he stays apart from George Bush.
6. Per word, transliteration folds, in this order:
   a. Belarusian ў in -ousk- is the Russian в: "ousk" → "ovsk" (Tsikhanouskaya = Tsikhanovskaya). Polish "sz" is
      "sh" (Łukaszenka = Lukashenka, as Polish outlets write Belarusian names).
   b. Russian ё in the -ёв ending: after ch/sh/zh it is written -ov, -yov or -ev → "ev" (Gorbachov = Gorbachev,
      Khrushchyov = Khrushchev); elsewhere -yov → "yev" (Solovyov = Solovyev).
   c. An е after a vowel is written "ye" or "e": vowel + "yev" → vowel + "ev" (Dostoyevsky = Dostoevsky,
      Nazarbayev = Nazarbaev).
   d. Belarusian surname endings are the Russian ones with akanye: final "-enka" → "-enko" (Lukashenka =
      Lukashenko), final "-yka" → "-iko" (Babaryka = Babariko). Only these endings: a general final a/o fold would
      merge Maria and Mario, Osaka and Osako.
   e. Final "-off" → "-ov" (Rachmaninoff = Rachmaninov, the older French-style spelling), after a stem of three
      letters or more and not in the German "-hoff": Goff and Hasselhoff are not Russian.
      Final "-iyeh" → "-iya" (Haniyeh = Haniya: Persian/Levantine ta marbuta). Only with the y: Wade-Giles Hsieh
      and Hsia are two Chinese surnames.
   f. Word-initial "tch" → "ch" (Tchaikovsky = Chaikovsky) and "dj" → "d" (Djokovic = Đoković). Initial only:
      Mitchell must not become Michel, Adjani must not become Adani.
   g. "ks" between vowels → "x" (Aleksei = Alexei, Maksim = Maxim). Not after a consonant or at the end: Marks is
      not Marx.
   h. y → i (Byalyatsky = Bialiatsky, Zelenskyy = Zelenskiy, Maryia = Maria).
   i. Not word-initial: "kh" → "h", "dh" → "d" (Tikhanovskaya = Tihanovskaya, Gadhafi = Gaddafi). An initial kh
      is stable in English copy and folding it would make Khan the Korean/Chinese surname Han.
   j. Doubled letters become one, and so does the Ukrainian doubled "zhzh" (Zelenskii → zelenski,
      Zaporizhzhia = Zaporizhia, Assad = Asad).
   k. Final "-skij" → "-ski" (the German/scholarly ending; -sky/-skiy/-skyy are already "ski" by h and j).
   l. Arabic: a fused article after Abd is one spelling, "abdul" (Abdel = Abdul = Abd al); the given name Muhammad
      (m-o/u-h-a-m-a/e-d: Mohammed, Mohamed, Muhammad, Mohammad...) → "muhamad", the one name-specific rule,
      because it is the commonest name in the news and has six spellings; a theophoric final -allah/-ollah/-ullah
      → "-ulah" (Nasrallah = Nasrullah, Hizbollah = Hizballah); "ae" before a consonant and a vowel → "ai"
      (Qaeda = Qaida; not Michael, not Gael/Gail); final "-oud" → "-ud" (Mahmoud = Mahmud; a general ou → u would
      merge Houston and Huston).
7. Tokens "abd al" / "abd el" / "abd ul" → "abdul" (Abd al-Aziz = Abdul Aziz).

``canonical_key`` then adds rules that the within-article grouping must not see, or that need the class:

8. An Arabic article "al"/"el" that is not the first word is dropped (Bashar al-Assad = Bashar Assad, AP's style;
   Abdel Fattah el-Sisi = Abdel Fattah al-Sisi = Abdel Fattah Sisi). A leading one stays: El Salvador is not
   Salvador, Al Ain is not Ain, and the grouping needs "al-Assad" to stay a tail of "Bashar al-Assad".
9. Places only: a final -ov/-ev/-iev → "-iv", the Ukrainian form of the names Russian gave Ukrainian cities (Kiev =
   Kyiv, Kharkov = Kharkiv, Lvov = Lviv). Not for people: it would rewrite every Russian surname.
10. Aliases and formal names (``aliases.py``): "US", "U.S.", "USA", "United States of America" → united states,
    "the Republic of Belarus" → belarus. ``name_key`` is the name part of the key (rules 1-8 and 10), without the
    class: the type votes across articles (``type_votes.py``) count labels by it.
11. The class is coarse (person, org, place, group, other) so that a person and a company of one name stay apart
    while the model's PERSON/ORG flips within a class don't matter.

Because the grouping does not see rules 8 and 9, an article that writes both "Kiev" and "Kyiv" (or "Bashar Assad"
and "Bashar al-Assad") gets two entities with one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import groupby

from services.enricher.aliases import build_alias_map, strip_formal

_FOLD_CACHE = 8192
"""Folded names kept per process: pure functions of the name, and an article folds each of its names many times
(the grouping and the label vote fold a mention's surface on every comparison)."""
_LABEL_CLASS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Characters that decomposition leaves non-ASCII but that have an ASCII reading in names.
_NO_DECOMPOSITION = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
        "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)  # fmt: skip


def _fold(pattern: str, replacement: str) -> tuple[re.Pattern[str], str]:
    return re.compile(pattern), replacement


# Rule 6 of the module docstring, a to l, applied to each word in this order.
_WORD_FOLDS = (
    _fold(r"ousk", "ovsk"),
    _fold(r"sz", "sh"),
    _fold(r"(?<=[csz]h)y?ov$", "ev"),
    _fold(r"yov$", "yev"),
    _fold(r"(?<=[aeo])yev", "ev"),
    _fold(r"enka$", "enko"),
    _fold(r"yka$", "iko"),
    _fold(r"(?<=[a-z]{3})(?<!h)off$", "ov"),
    _fold(r"iyeh$", "iya"),
    _fold(r"^tch", "ch"),
    _fold(r"^dj", "d"),
    _fold(r"(?<=[aeiouy])ks(?=[aeiouy])", "x"),
    _fold(r"y", "i"),
    _fold(r"(?<=.)kh", "h"),
    _fold(r"(?<=.)dh", "d"),
    _fold(r"([a-z])\1+", r"\1"),
    _fold(r"zhzh", "zh"),
    _fold(r"skij$", "ski"),
    _fold(r"^abd[aeou]l", "abdul"),
    _fold(r"^m[ou]ham[ae]d$", "muhamad"),
    _fold(r"(?<=[a-z])[aeou]lah$", "ulah"),
    _fold(r"ae(?=[^aeiou][aeiou])", "ai"),
    _fold(r"oud$", "ud"),
)
_ARABIC_ARTICLES = frozenset({"al", "el"})
_ABD_ARTICLES = frozenset({"al", "el", "ul"})
_PLACE_ENDING = re.compile(r"i?[oe]v\b")


def label_class(label: str) -> str:
    return _LABEL_CLASS.get(label, "other")


def clean_surface(surface: str) -> str:
    """The name as written, minus a possessive and a leading article."""
    surface = _LEADING_THE.sub("", surface.strip())
    return _POSSESSIVE.sub("", surface).strip()


@lru_cache(maxsize=_FOLD_CACHE)
def fold_name(name: str) -> str:
    words = _join_initials(_ascii_words(clean_surface(name)))
    return " ".join(_join_abd_article([_fold_word(word) for word in words]))


def canonical_key(label: str, name: str) -> str:
    name_class = label_class(label)
    folded = name_key(name)
    if name_class == "place":
        folded = _PLACE_ENDING.sub("iv", folded)
    return f"{name_class}:{folded}"


@lru_cache(maxsize=_FOLD_CACHE)
def name_key(name: str) -> str:
    """The key's name part without the class: folded, inner Arabic articles dropped, aliases joined."""
    folded = _key_fold(name)
    joined = _ALIAS_MAP.get(folded)
    if joined is None:
        folded = strip_formal(folded)
        joined = _ALIAS_MAP.get(folded, folded)
    return joined


def _key_fold(name: str) -> str:
    return " ".join(_drop_inner_articles(fold_name(name).split()))


def _ascii_words(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", name.translate(_NO_DECOMPOSITION))
    ascii_name = decomposed.encode("ascii", "ignore").decode().casefold()
    return _NON_WORD.sub(" ", _APOSTROPHE.sub("", ascii_name)).split()


def _join_initials(words: list[str]) -> list[str]:
    joined: list[str] = []
    for is_initial, run in groupby(words, key=lambda word: len(word) == 1):
        if is_initial:
            joined.append("".join(run))
        else:
            joined.extend(run)
    return joined


def _fold_word(word: str) -> str:
    for pattern, replacement in _WORD_FOLDS:
        word = pattern.sub(replacement, word)
    return word


def _join_abd_article(words: list[str]) -> list[str]:
    joined: list[str] = []
    for word in words:
        if word in _ABD_ARTICLES and joined and joined[-1] == "abd":
            joined[-1] = "abdul"
        else:
            joined.append(word)
    return joined


def _drop_inner_articles(words: list[str]) -> list[str]:
    return words[:1] + [word for word in words[1:] if word not in _ARABIC_ARTICLES]


_ALIAS_MAP = build_alias_map(_key_fold)
