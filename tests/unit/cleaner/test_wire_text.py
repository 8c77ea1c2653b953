"""Plain wire copy: run-in headings split off, edge boilerplate dropped, language identified."""

from __future__ import annotations

from pathlib import Path

from services.cleaner.boilerplate import trim_edge_boilerplate
from services.cleaner.headings import split_run_in_headings
from services.cleaner.language import detect_language
from tests.unit.cleaner.test_clean import clean, raw

DATA = Path(__file__).resolve().parents[2] / "data"


def test_seed_headings_become_their_own_paragraphs() -> None:
    article = clean(raw((DATA / "seed_000.txt").read_text()))
    paragraphs = article.text.split("\n\n")
    assert "People released from prison" in paragraphs
    assert "Who is Kolesnikova and Babariko" in paragraphs
    following = paragraphs[paragraphs.index("Who is Kolesnikova and Babariko") + 1]
    assert following.startswith("Kolesnikova is a professional flautist and conductor.")
    assert any(p.startswith("According to Pool, Belarusian authorities") for p in paragraphs)
    assert not article.text.endswith("\n")


def test_ordinary_sentences_are_not_split() -> None:
    paragraph = (
        "He said it was fine. The Bank of England raised rates in The Hague on Monday. "
        "What matters is the price. Who won the vote is unclear."
    )
    assert split_run_in_headings(paragraph) == [paragraph]


def test_edge_boilerplate_goes_body_boilerplate_stays() -> None:
    text = "\n\n".join([
        "Advertisement",
        "Minsk freed 123 prisoners on Saturday.",
        "Copyright law was not part of the talks, officials said.",
        "Reporting by Jane Doe; Editing by John Roe",
        "© 2025 Example News. All rights reserved.",
    ])
    assert trim_edge_boilerplate(text) == (
        "Minsk freed 123 prisoners on Saturday.\n\nCopyright law was not part of the talks, officials said."
    )


def test_a_long_closing_paragraph_is_never_trimmed() -> None:
    closing = "Subscribe " + "to the idea that the talks will go on, analysts said. " * 10
    assert trim_edge_boilerplate(f"Lead.\n\n{closing}") == f"Lead.\n\n{closing}"


def test_language_is_detected_when_not_given_and_kept_when_given() -> None:
    english = clean(raw((DATA / "seed_003.txt").read_text()))
    assert (english.language, english.language_detected) == ("en", True)
    german = clean(raw("Die Bundesregierung hat am Mittwoch 2,4 Millionen Euro für die Flutopfer bereitgestellt."))
    assert (german.language, german.language_detected) == ("de", True)
    given = clean(raw("Die Bundesregierung hat am Mittwoch 2,4 Millionen Euro bereitgestellt.", language="de-CH"))
    assert (given.language, given.language_detected) == ("de-CH", False)


def test_a_one_line_flash_is_kept_without_a_language_guess() -> None:
    flash = clean(raw("BREAKING: Quake hits Chile"))
    assert flash.text == "BREAKING: Quake hits Chile"
    assert detect_language("BREAKING: Quake hits Chile") is None
    assert (flash.language, flash.language_detected) == (None, False)
