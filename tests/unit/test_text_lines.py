"""Line kinds: what language identification reads and where entity spans are filtered."""

from __future__ import annotations

import pytest

from services.common.text_lines import Line, LineKind, classify_line, is_running_word, lines_of


@pytest.mark.parametrize(("line", "kind"), [
    ("Romania beat Lithuania 3-0 ( halftime 1-0 ) in a World Cup qualifier on Saturday .", LineKind.PROSE),
    ("Der Trainer von Borussia Dortmund regte sich nach dem 2:4 im Revierderby auf.", LineKind.PROSE),
    ("亚洲浆纸业有限公司（Asia Pulp & Paper, 以下简称 APP）近日发布其可持续发展路线图", LineKind.PROSE),
    ("SOCCER - ROMANIA BEAT LITHUANIA IN WORLD CUP QUALIFIER .", LineKind.CAPS),
    ("ROMANIA BEAT LITHUANIA 3-0 AFTER EXTRA TIME", LineKind.CAPS),
    ("WIGAN BEAT BRADFORD 42-36 IN SEMIFINAL", LineKind.TABLE),  # a score and a short word: 2 of 6 tokens
    ("W L PCT GB", LineKind.TABLE),
    ("NEW YORK 74 59 .556 -", LineKind.TABLE),
    ("BUCHAREST 1996-08-31", LineKind.TABLE),
    ("Red Star 4 4 0 0 9 3 12", LineKind.TABLE),
    ("Karlsruhe 2 Hansa Rostock 0", LineKind.TABLE),
    ("Hansa Rostock 0 Hamburg 1 ( Baeron 64th min ) .", LineKind.TABLE),
    ("Revs 130 1,279", LineKind.TABLE),
    ("Scorers : Ilie Lazar", LineKind.NAMES),
    ("Gloria Bistrita - Ilie Lazar", LineKind.NAMES),
    ("- :", LineKind.NAMES),
])
def test_classify_line(line: str, kind: LineKind) -> None:
    assert classify_line(line) is kind


def test_running_words_open_with_a_letter_that_is_not_a_capital() -> None:
    assert is_running_word("won") and is_running_word("(and") and is_running_word("以下简称")
    assert not is_running_word("Männer") and not is_running_word("64th") and not is_running_word("(")


def test_lines_of_gives_each_non_empty_line_with_its_offsets() -> None:
    text = "ZORBLAX WINS\n\nZorblax won the cup on Sunday.\n\nW L PCT\n"
    assert list(lines_of(text)) == [
        Line(0, 12, LineKind.CAPS), Line(14, 44, LineKind.PROSE), Line(46, 53, LineKind.TABLE)]
