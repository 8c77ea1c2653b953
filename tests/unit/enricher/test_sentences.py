"""Sentence spans for articles the English pipeline does not parse (``sentences.py``)."""

from __future__ import annotations

from services.enricher.rule_words import GERMAN, NORWEGIAN, SWEDISH, NumberWords
from services.enricher.sentences import sentence_spans


def sentences(text: str, words: NumberWords | None, chinese: bool = False) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text, words, chinese)]


def test_abbreviations_days_and_ordinals_do_not_end_a_german_sentence():
    text = ("Der Umsatz stieg um 2,4 Mio. Euro am 13. Dezember 2025. Das sind ca. 12,5 Prozent. Daniel Caligiuri "
            "nutzte den Elfmeter in der 18. Minute zum Ausgleich. Das sagte Dr. Müller, z. B. in Köln.")
    assert sentences(text, GERMAN) == [
        "Der Umsatz stieg um 2,4 Mio. Euro am 13. Dezember 2025.", "Das sind ca. 12,5 Prozent.",
        "Daniel Caligiuri nutzte den Elfmeter in der 18. Minute zum Ausgleich.", "Das sagte Dr. Müller, z. B. in Köln.",
    ]


def test_a_year_and_a_quote_end_sentences():
    # 3.0/dpa_text.json: the quote's full stop is inside the closing guillemet.
    text = "Im Jahr 2024. Sky-Experte Merk befand: «Weigl kann mit dem Ball überhaupt nicht rechnen.» Daher sei es so."
    assert sentences(text, GERMAN) == [
        "Im Jahr 2024.", "Sky-Experte Merk befand: «Weigl kann mit dem Ball überhaupt nicht rechnen.»",
        "Daher sei es so.",
    ]


def test_lines_and_dashes_start_sentences():
    # 3.0/tt_text_image_3.json: headline, dateline and a quote introduced by a dash, one per line
    text = "Militärövning i jätteformat hålls 2023\nFörsvar TT\nPandemin satte stopp. – Aurora 2023 kommer."
    assert sentences(text, SWEDISH) == [
        "Militärövning i jätteformat hålls 2023", "Försvar TT", "Pandemin satte stopp.", "– Aurora 2023 kommer.",
    ]


def test_a_clock_abbreviation_does_not_end_a_sentence():
    assert sentences("Kl. 16 kom 25 000 personer. Den 13. desember var det 4,5 prosent.", NORWEGIAN) == [
        "Kl. 16 kom 25 000 personer.", "Den 13. desember var det 4,5 prosent."]


def test_chinese_sentences():
    text = "亚洲浆纸业有限公司近日发布报告。APP于今年2月5日正式颁布新的森林保护政策！“我们承诺。”其他"
    assert sentences(text, None, chinese=True) == [
        "亚洲浆纸业有限公司近日发布报告。", "APP于今年2月5日正式颁布新的森林保护政策！", "“我们承诺。”", "其他"]
