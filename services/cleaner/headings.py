"""Section headings that lost their line break in wire copy, split back into their own paragraph.

A heading shows where a run of words with no sentence punctuation starts a
"sentence" and a second sentence begins inside it with no full stop:

- "… for several years. People released from prison According to Pool, …": a
  capitalised word that opens sentences but is rarely capitalised mid-sentence
  ("According", "However", "He") follows a lower-case word;
- "… regime. Who is Kolesnikova and Babariko Kolesnikova is a professional …":
  a question without a question mark, ended by a name, then a name and a
  finite verb.

Without a split, NER reads "Babariko Kolesnikova" as one person and the number
stage reads the heading as part of the first sentence.
"""

from __future__ import annotations

import re

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…”\"'])\s+(?=[“\"A-Z])")
_OPENERS = frozenset(
    {"According", "However", "Meanwhile", "Earlier", "Later", "He", "She", "They", "We", "It", "His", "Her", "Their"}
)
_QUESTION_WORDS = frozenset({"Who", "What", "Why", "How", "Where", "When", "Which"})
_FINITE_VERBS = frozenset({"is", "was", "are", "were", "has", "had", "have", "said", "says", "will", "would", "became"})
_MAX_HEADING_WORDS = 10


def split_run_in_headings(paragraph: str) -> list[str]:
    """The paragraph as one or more paragraphs, each run-in heading on its own."""
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_BREAK.split(paragraph):
        heading, rest = _split_heading(sentence)
        if heading:
            if current:
                pieces.append(" ".join(current))
            pieces.append(heading)
            current = [rest]
        else:
            current.append(sentence)
    if current:
        pieces.append(" ".join(current))
    return pieces


def _split_heading(sentence: str) -> tuple[str, str] | tuple[None, None]:
    words = sentence.split(" ")
    for cut in range(2, min(len(words) - 1, _MAX_HEADING_WORDS + 1)):
        head, before, after = words[:cut], words[cut - 1], words[cut]
        if any(word[-1:] in ",.;:!?\"”" for word in head):
            return None, None
        if after in _OPENERS and before[:1].islower():
            return " ".join(head), " ".join(words[cut:])
        if (
            head[0] in _QUESTION_WORDS
            and before[:1].isupper()
            and after[:1].isupper()
            and words[cut + 1] in _FINITE_VERBS
        ):
            return " ".join(head), " ".join(words[cut:])
    return None, None
