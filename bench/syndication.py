"""A labelled near-duplicate corpus made from real articles the way syndication copies them.

    python -m bench.syndication [--seed 0] [--eval-dir DIR]      # prints a summary of the corpus

Originals are the real article bodies of the article-extraction benchmark (``ground-truth.json``,
MIT, read at run time and never copied into the repository) plus the two seed articles in
``tests/data``, when they have at least 80 words. Each original gets copies made by the
operations syndication applies: a new headline line, a byline, a dropped paragraph, two
paragraphs swapped, appended credit or copyright boilerplate, a few word-level typos and edits,
typography and whitespace changes, or an exact copy. A copy is sometimes made from an earlier
copy (a syndication chain). Every copy records its group (the original's id), the operations
applied, the article it was made from, and the TRUE Jaccard similarity of its 5-word shingle set
(``dedup_tokens`` + ``word_shingles``, the dedup service's own view of a text) to the original.

Everything is drawn from one ``random.Random(seed)``: the same seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from services.cleaner.text import normalise_text
from services.dedup.shingles import dedup_tokens, exact_fingerprint, word_shingles

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval" / "article-extraction-benchmark"
SEED_FILES = (ROOT / "tests" / "data" / "seed_000.txt", ROOT / "tests" / "data" / "seed_003.txt")
SHINGLE_SIZE = 5
MIN_WORDS = 80
TARGET_ARTICLES = 1000
MAX_COPIES = 10
"""Copies per original are drawn from 0-5, then topped up at random (to at most this) to reach the target."""
CHAIN_PROBABILITY = 0.2
"""Chance that a copy is made from an earlier copy of its group rather than from the original."""

# Whole-copy operations; the others combine (one to three per copy).
EXACT = "exact_copy"
HEADLINE = "headline"
BYLINE = "byline"
DROP_PARAGRAPH = "drop_paragraph"
SWAP_PARAGRAPHS = "swap_paragraphs"
BOILERPLATE = "boilerplate"
TYPOS = "typos"
TYPOGRAPHY = "typography"
COMBINABLE = (HEADLINE, BYLINE, DROP_PARAGRAPH, SWAP_PARAGRAPHS, BOILERPLATE, TYPOS, TYPOGRAPHY)

# Invented names and outlets: boilerplate shapes are real, the people are not.
_NAMES = (
    "Anna Kowalski", "David Mensah", "Priya Raman", "Tom Hallett", "Maria Oliveira", "Kenji Sato",
    "Lucy Brennan", "Omar Haddad", "Elena Petrova", "James Okafor", "Sofia Lindqvist", "Raj Patel",
)
_CITIES = ("LONDON", "WASHINGTON", "NEW YORK", "BRUSSELS", "SINGAPORE", "FRANKFURT", "TOKYO", "PARIS")
_OUTLETS = ("Reuters", "AP", "AFP", "Bloomberg", "The Daily Courier", "Metro Wire", "NewsDesk Online")
_HEADLINE_PREFIXES = ("", "", "", "UPDATE 1-", "UPDATE 2-", "EXCLUSIVE-", "WRAPUP 1-", "Analysis: ")


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    article_id: str
    group: str
    """The id of the original this article is (a copy of); an original's group is its own id."""
    text: str
    ops: tuple[str, ...]
    """Operations applied to ``derived_from``'s text to make this one, with their details
    (``drop_paragraph:3``, ``typos:2``, ...); empty for an original."""
    true_jaccard_to_original: float
    """Jaccard similarity of the 5-word shingle sets (dedup tokens) of this text and the original's."""
    derived_from: str | None = None
    """The article this copy was made from: the original, or an earlier copy (a syndication chain)."""

    @property
    def is_original(self) -> bool:
        return self.article_id == self.group

    @property
    def op_names(self) -> tuple[str, ...]:
        return tuple(op.split(":", 1)[0] for op in self.ops)


@dataclass(frozen=True, slots=True)
class LabelledPair:
    first: str
    second: str
    true_jaccard: float
    same_group: bool


# ---- the dedup view of a text ------------------------------------------------


def shingle_set(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    return frozenset(word_shingles(dedup_tokens(text), size))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def true_jaccard(first: str, second: str, size: int = SHINGLE_SIZE) -> float:
    return jaccard(shingle_set(first, size), shingle_set(second, size))


def fingerprint(text: str) -> str:
    """What the index calls an exact copy: the same dedup tokens."""
    return exact_fingerprint(dedup_tokens(text))


def paragraphs(text: str) -> list[str]:
    """Paragraphs as the cleaner makes them: every line break separates two."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def join_paragraphs(parts: Iterable[str]) -> str:
    return "\n\n".join(parts)


# ---- originals ---------------------------------------------------------------


def originals(eval_dir: Path = DEFAULT_EVAL_DIR, min_words: int = MIN_WORDS) -> list[tuple[str, str]]:
    """(id, text) of every real article with at least ``min_words`` dedup tokens, in a fixed order.

    The benchmark's articles are used when ``eval_dir`` holds them; the two seeds always are.
    """
    found: list[tuple[str, str]] = []
    truth_file = eval_dir / "ground-truth.json"
    if truth_file.exists():
        truth = json.loads(truth_file.read_text())
        found += [(f"aeb-{page_id[:12]}", truth[page_id]["articleBody"]) for page_id in sorted(truth)]
    found += [(path.stem.replace("_", "-"), path.read_text()) for path in SEED_FILES]
    return [(article_id, normalise_text(text)) for article_id, text in found if len(dedup_tokens(text)) >= min_words]


# ---- the operations ----------------------------------------------------------


def _headline(rng: random.Random, parts: Sequence[str]) -> str:
    words = re.findall(r"[\w'’-]+", parts[0])[: rng.randint(6, 11)]
    return rng.choice(_HEADLINE_PREFIXES) + " ".join(word[:1].upper() + word[1:] for word in words)


def _byline(rng: random.Random) -> str:
    name, outlet = rng.choice(_NAMES), rng.choice(_OUTLETS)
    return rng.choice((f"By {name}", f"By {name}, {outlet}", f"{name} | {outlet}", f"By {name.upper()}"))


def _boilerplate(rng: random.Random, parts: Sequence[str]) -> tuple[str, str]:
    first, second, third = rng.sample(_NAMES, 3)
    kind = rng.choice(("credit", "credit_full", "copyright", "read_more", "dateline_credit"))
    text = {
        "credit": f"Reporting by {first}; Editing by {second}",
        "credit_full": f"(Reporting by {first} in {rng.choice(_CITIES).title()}; Additional reporting by {second}; "
        f"Editing by {third})",
        "copyright": f"© {rng.choice((2019, 2020, 2021))} {rng.choice(_OUTLETS)}. All rights reserved.",
        "read_more": "Read more: " + _headline(rng, [parts[-1]]),
        "dateline_credit": f"{rng.choice(_OUTLETS)} contributed to this report. Writing by {first}; "
        f"editing by {second} and {third}",
    }[kind]
    return kind, text


_TYPO_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def _typo(rng: random.Random, word: str, vocabulary: Sequence[str]) -> str:
    """One word-level edit that always changes the word's dedup token."""
    kind = rng.choice(("transpose", "drop_letter", "double_letter", "replace_word"))
    i = rng.randrange(1, len(word) - 1)
    if kind == "transpose" and word[i].lower() != word[i + 1].lower():
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "double_letter":
        return word[:i] + word[i] + word[i:]
    if kind == "replace_word":
        others = [v for v in vocabulary if v.lower() != word.lower()]
        if others:
            return rng.choice(others)
    return word[:i] + word[i + 1 :]


def _apply_typos(rng: random.Random, parts: list[str], count: int) -> list[str]:
    spots = [(p, m.start(), m.end()) for p, part in enumerate(parts) for m in _TYPO_WORD.finditer(part)]
    vocabulary = sorted({part[s:e] for p, s, e in spots for part in [parts[p]]})
    chosen = sorted(rng.sample(spots, min(count, len(spots))), reverse=True)
    edited = list(parts)
    for p, start, end in chosen:  # right to left, so earlier offsets stay valid
        edited[p] = edited[p][:start] + _typo(rng, edited[p][start:end], vocabulary) + edited[p][end:]
    return edited


_TYPOGRAPHY = (
    ("straight_to_curly_quotes", lambda t: re.sub(r"\"([^\"]*)\"", "“\\1”", t).replace("'", "’")),
    ("curly_to_straight_quotes", lambda t: t.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")),
    ("hyphen_dashes_to_em_dash", lambda t: t.replace(" - ", " — ").replace(" – ", " — ").replace("--", "—")),
    ("em_dashes_to_hyphens", lambda t: t.replace("—", " - ").replace("–", "-")),
    ("ellipsis_character", lambda t: t.replace("...", "…")),
    ("double_spaces_after_sentences", lambda t: re.sub(r"([.!?]) (?=[A-Z])", "\\1  ", t)),
    ("non_breaking_spaces", lambda t: re.sub(r"(\d) (?=\w)", "\\1\u00a0", t).replace(" (", "\u00a0(")),
    ("crlf_line_ends", lambda t: t.replace("\n", "\r\n")),
)


def _apply_typography(rng: random.Random, text: str) -> tuple[str, str]:
    """Typography and whitespace changes that leave the dedup tokens alone; at least one changes the text."""
    order = rng.sample(range(len(_TYPOGRAPHY)), len(_TYPOGRAPHY))
    applied: list[str] = []
    for i in order:
        name, change = _TYPOGRAPHY[i]
        changed = change(text)
        if changed != text:
            text = changed
            applied.append(name)
        if len(applied) >= 2 or (applied and rng.random() < 0.5):
            break
    if not applied:  # nothing above matched this text: trailing spaces always do
        text, applied = text.replace("\n\n", " \n\n") + " ", ["trailing_spaces"]
    return "+".join(applied), text


def make_copy(rng: random.Random, source: str) -> tuple[str, tuple[str, ...]]:
    """A syndicated copy of ``source``: (text, ops)."""
    if rng.random() < 0.12:
        return source, (EXACT,)
    parts = paragraphs(source)
    possible = [op for op in COMBINABLE if len(parts) >= 2 or op not in (DROP_PARAGRAPH, SWAP_PARAGRAPHS)]
    if len({*parts}) < 2 and SWAP_PARAGRAPHS in possible:
        possible.remove(SWAP_PARAGRAPHS)
    chosen = set(rng.sample(possible, rng.choice((1, 1, 2, 2, 2, 3))))
    ops: list[str] = []
    # Body edits first, then what is added around the body, then the typography of the whole text.
    if DROP_PARAGRAPH in chosen:
        dropped = rng.randrange(len(parts))
        parts = parts[:dropped] + parts[dropped + 1 :]
        ops.append(f"{DROP_PARAGRAPH}:{dropped}")
    if SWAP_PARAGRAPHS in chosen and len({*parts}) >= 2:
        while True:
            i, j = sorted(rng.sample(range(len(parts)), 2))
            if parts[i] != parts[j]:
                break
        parts[i], parts[j] = parts[j], parts[i]
        ops.append(f"{SWAP_PARAGRAPHS}:{i},{j}")
    if TYPOS in chosen:
        count = rng.randint(1, 4)
        parts = _apply_typos(rng, parts, count)
        ops.append(f"{TYPOS}:{count}")
    if BYLINE in chosen:
        parts = [_byline(rng), *parts]
        ops.append(BYLINE)
    if HEADLINE in chosen:
        body = parts[1:] if BYLINE in chosen else parts
        headline = _headline(rng, body)
        # A copy of a copy may start with a headline already; one drawn from it can come out the same.
        while headline in parts:
            headline = _headline(rng, body)
        parts = [headline, *parts]
        ops.append(HEADLINE)
    if BOILERPLATE in chosen:
        kind, text = _boilerplate(rng, parts)
        parts = [*parts, text]
        ops.append(f"{BOILERPLATE}:{kind}")
    text = join_paragraphs(parts)
    if TYPOGRAPHY in chosen:
        name, text = _apply_typography(rng, text)
        ops.append(f"{TYPOGRAPHY}:{name}")
    return text, tuple(ops)


# ---- the corpus --------------------------------------------------------------


def corpus(
    seed: int = 0,
    eval_dir: Path = DEFAULT_EVAL_DIR,
    target: int = TARGET_ARTICLES,
) -> list[LabelledArticle]:
    """Originals and their copies in arrival order: each group arrives as a burst, interleaved with others.

    An original arrives first in its group; each copy arrives some minutes after the article it was
    made from, so copies of one story overlap the next stories' originals and copies.
    """
    rng = random.Random(seed)
    found = originals(eval_dir)
    copies = [rng.randint(0, 5) for _ in found]
    while sum(copies) + len(found) < target and any(n < MAX_COPIES for n in copies):
        i = rng.randrange(len(found))
        if copies[i] < MAX_COPIES:
            copies[i] += 1

    timed: list[tuple[float, int, LabelledArticle]] = []
    clock = 0.0
    for (original_id, text), n_copies in zip(found, copies):
        clock += rng.expovariate(1 / 60)  # a new story about every minute
        base = shingle_set(text)
        members = [(LabelledArticle(original_id, original_id, text, (), 1.0), clock)]
        for n in range(1, n_copies + 1):
            source, source_at = members[0]
            if len(members) > 1 and rng.random() < CHAIN_PROBABILITY:
                source, source_at = rng.choice(members[1:])
            copy_text, ops = make_copy(rng, source.text)
            arrives = source_at + rng.expovariate(1 / 240)  # copies follow within minutes
            copy = LabelledArticle(
                f"{original_id}/c{n}", original_id, copy_text, ops, jaccard(shingle_set(copy_text), base),
                source.article_id,
            )
            members.append((copy, arrives))
        timed += [(at, len(timed) + k, article) for k, (article, at) in enumerate(members)]
    timed.sort(key=lambda item: (item[0], item[1]))
    return [article for _, _, article in timed]


def group_pairs(articles: Sequence[LabelledArticle]) -> list[LabelledPair]:
    """Every pair of articles of one group (copy-original and copy-copy), earlier article first."""
    groups: dict[str, list[LabelledArticle]] = {}
    for article in articles:
        groups.setdefault(article.group, []).append(article)
    pairs = []
    for members in groups.values():
        sets = [shingle_set(m.text) for m in members]
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                first, second = members[i].article_id, members[j].article_id
                pairs.append(LabelledPair(first, second, jaccard(sets[i], sets[j]), True))
    return pairs


def copy_pairs(articles: Sequence[LabelledArticle]) -> list[LabelledPair]:
    """(original, copy) for every copy, with the labelled true Jaccard."""
    return [
        LabelledPair(a.group, a.article_id, a.true_jaccard_to_original, True) for a in articles if not a.is_original
    ]


def negative_pairs(articles: Sequence[LabelledArticle], count: int, seed: int = 0) -> list[LabelledPair]:
    """``count`` distinct pairs of articles from different groups (different originals), drawn at random."""
    rng = random.Random(seed)
    by_id = {a.article_id: a for a in articles}
    ids = sorted(by_id)
    if len({a.group for a in articles}) < 2:
        return []
    seen: set[tuple[str, str]] = set()
    pairs = []
    while len(pairs) < count and len(seen) < count * 4:
        a, b = sorted(rng.sample(ids, 2))
        if (a, b) in seen or by_id[a].group == by_id[b].group:
            continue
        seen.add((a, b))
        pairs.append(LabelledPair(a, b, true_jaccard(by_id[a].text, by_id[b].text), False))
    return pairs


def summary(articles: Sequence[LabelledArticle]) -> str:
    copies = [a for a in articles if not a.is_original]
    op_counts = Counter(name for a in copies for name in a.op_names)
    bins = Counter(jaccard_bin(a.true_jaccard_to_original) for a in copies)
    chained = sum(1 for a in copies if a.derived_from != a.group)
    return "\n".join([
        f"{len(articles)} articles: {len(articles) - len(copies)} originals, {len(copies)} copies "
        f"({chained} made from an earlier copy)",
        "ops: " + ", ".join(f"{op} {n}" for op, n in sorted(op_counts.items())),
        "true Jaccard to original: " + ", ".join(f"{b} {bins[b]}" for b in JACCARD_BINS),
    ])


JACCARD_BINS = ("<0.5", "0.5-0.7", "0.7-0.8", "0.8-0.9", "0.9-<1", "1.0")


def jaccard_bin(value: float) -> str:
    if value >= 1.0:
        return "1.0"
    for upper, name in ((0.5, "<0.5"), (0.7, "0.5-0.7"), (0.8, "0.7-0.8"), (0.9, "0.8-0.9")):
        if value < upper:
            return name
    return "0.9-<1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    args = parser.parse_args(argv)
    if not (args.eval_dir / "ground-truth.json").exists():
        print(f"skipped: no article-extraction benchmark at {args.eval_dir}")
        return 0
    print(summary(corpus(args.seed, args.eval_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
