"""The English pipeline, run only where its outputs need it.

Entities need spaCy's NER over the whole text; number facts need the tagger, parser and lemmatizer (counted noun,
predicate, subject), but only in the sentences that hold a number. So a text goes through two passes:

1. the whole text: the model's ``senter`` (off by default in the en_core_web_sm packages; it has its own small
   tok2vec) for sentence boundaries, a cut at every line break (the parser starts a sentence there too: a headline
   has no full stop), then ``ner``, which keeps its entities within those sentences as it did within the parser's;
2. each sentence with a number candidate (``numbers.has_number_candidate``), as a small doc of the same tokens:
   ``tok2vec``, ``tagger``, ``parser``, ``attribute_ruler`` (its rules looked up per token: ``attribute_rules.py``),
   ``lemmatizer``, which also split it into sentences where the parser sees more than one.

The parse of pass 2 is copied into the article's doc; a sentence without a number gets a flat tree (its first token
the root, no tags, no lemmas), so the article's ``doc.sents`` are the passes' sentences and every later step reads
one doc. Nothing reads the parse of a sentence without a number: number facts start only at candidates, and
entities need none (``entities.py``). ``bench.enricher_speed`` measures this against the full pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from services.enricher.attribute_rules import AttributeRules
from services.enricher.numbers import has_number_candidate

WHOLE_TEXT = ("senter", "ner")
NUMBER_SENTENCES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
_SENTENCES_PER_ARTICLE = 16
"""Sentence docs per article in pass 2's batches: an article's batch of sentences is about one article's tokens."""


class SelectiveParser:
    """Docs with entities throughout and a parse in the sentences with numbers, from a loaded English pipeline."""

    def __init__(self, nlp: Language, batch_size: int) -> None:
        missing = [name for name in (*WHOLE_TEXT, *NUMBER_SENTENCES) if name not in nlp.component_names]
        if missing:
            raise ValueError(f"the spaCy pipeline {nlp.meta.get('name')!r} has no {', '.join(missing)}: the enricher "
                             f"needs {', '.join((*WHOLE_TEXT, *NUMBER_SENTENCES))}")
        self._nlp = nlp
        self._batch_size = batch_size
        self._components = {name: nlp.get_pipe(name) for name in NUMBER_SENTENCES}
        self._components["attribute_ruler"] = AttributeRules(nlp.get_pipe("attribute_ruler"))
        self._root = nlp.vocab.strings.add("ROOT")
        self._flat = nlp.vocab.strings.add("dep")

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """One doc per text, in order, in batches of ``batch_size`` texts."""
        it = iter(texts)
        while batch := list(islice(it, self._batch_size)):
            yield from self._parsed(batch)

    def _parsed(self, texts: Sequence[str]) -> list[Doc]:
        docs = list(self._nlp.get_pipe("senter").pipe((self._nlp.make_doc(text) for text in texts),
                                                    batch_size=self._batch_size))
        for doc in docs:
            _cut_at_line_breaks(doc)
        docs = list(self._nlp.get_pipe("ner").pipe(docs, batch_size=self._batch_size))
        selected = [[sentence for sentence in doc.sents if has_number_candidate(sentence)] for doc in docs]
        small = self._run(NUMBER_SENTENCES, [self._alone(sentence) for sentences in selected for sentence in sentences])
        for doc, sentences in zip(docs, selected, strict=True):
            parses, small = small[: len(sentences)], small[len(sentences):]
            self._copy_parses(doc, sentences, parses)
        return docs

    def _run(self, names: Sequence[str], docs: list[Doc]) -> list[Doc]:
        batch = self._batch_size * _SENTENCES_PER_ARTICLE
        stream: Iterable[Doc] = docs
        for name in names:
            stream = self._components[name].pipe(stream, batch_size=batch)
        return list(stream)

    def _alone(self, sentence: Span) -> Doc:
        """The sentence's tokens as a doc of their own, the parser free to find its sentences in it. Built from the
        words, not ``Span.as_doc`` (which copies every attribute and the entities: 0.4–0.65 ms a sentence against
        0.04, and the same parses); the tokenizer's norms ("n't" → "not") are copied, as the tagger reads them."""
        doc = Doc(self._nlp.vocab, words=[token.text for token in sentence],
                  spaces=[bool(token.whitespace_) for token in sentence])
        doc.from_array([NORM], sentence.doc.to_array([NORM])[sentence.start : sentence.end])
        return doc

    def _copy_parses(self, doc: Doc, sentences: Sequence[Span], parses: Sequence[Doc]) -> None:
        """The small docs' parses into ``doc``; every other sentence gets a flat tree, so it stays one sentence."""
        values = numpy.zeros((len(doc), len(_PARSE_ATTRS)), dtype="uint64")
        head, dep = _PARSE_ATTRS.index(HEAD), _PARSE_ATTRS.index(DEP)
        for sentence in doc.sents:
            values[sentence.start + 1 : sentence.end, head] = numpy.arange(-1, sentence.start - sentence.end, -1,
                                                                           dtype="int64").astype("uint64")
            values[sentence.start, dep] = self._root
            values[sentence.start + 1 : sentence.end, dep] = self._flat
        for sentence, parse in zip(sentences, parses, strict=True):
            values[sentence.start : sentence.end] = parse.to_array(_PARSE_ATTRS)
        doc.from_array(_PARSE_ATTRS, values)


def _cut_at_line_breaks(doc: Doc) -> None:
    """A sentence starts after every token holding a line break, as the parser has it: a headline or a list item has
    no full stop for ``senter`` to see."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
