"""word_shingles: the same shingles as the straightforward definition, whatever the tokens."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from services.dedup.shingles import dedup_tokens, word_shingles


def straightforward(tokens: list[str], size: int) -> list[str]:
    """The definition: every window of ``size`` consecutive tokens, joined by one space, in order (duplicates
    kept); a text shorter than one shingle is its own single shingle."""
    if len(tokens) <= size:
        return [" ".join(tokens)]
    return [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


_TOKEN = st.one_of(
    st.sampled_from(["the", "a", "of", "said", "2025", "é", ""]),  # repeats, so that shingles repeat too
    st.text(max_size=8),  # anything, spaces and empty strings included: the function must not care
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_TOKEN, max_size=40), st.integers(min_value=1, max_value=9))
@example([], 5)
@example(["one"], 1)
@example(["a", "b", "c", "d", "e"], 5)
@example(["a", "b", "c", "d", "e", "f"], 5)
def test_same_shingles_as_the_straightforward_definition(tokens: list[str], size: int) -> None:
    assert word_shingles(tokens, size) == straightforward(tokens, size)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=1, max_value=7))
def test_same_shingles_of_dedup_tokens(text: str, size: int) -> None:
    tokens = dedup_tokens(text)
    assert word_shingles(tokens, size) == straightforward(tokens, size)


def test_does_not_change_its_input() -> None:
    tokens = ["a", "b", "c", "d", "e", "f", "g"]
    word_shingles(tokens, 3)
    assert tokens == ["a", "b", "c", "d", "e", "f", "g"]


# From Business Wire's NewsML item tests/data/newsml/businesswire-newsml-20130605006126.xml (IPTC examples, MIT).
CAMBRIOS = (
    "(美國商業資訊)--為透明及軟性導體市場提供銀奈米線解決方案的領導廠商Cambrios Technologies Corporation今天宣布，"
    "該公司最近被Gartner評選為「最酷供應商」(Cool Vendor)。Gartner的研究報告對Cambrios的ClearOhm塗層材料相對於絲網的"
    "生產和成本優勢進行了評論。該報告還對ClearOhm材料與銦錫氧化物(ITO)等競爭產品相比具有的其他優勢進行了評估。"
)


def test_chinese_text_is_tokenised_by_character_so_one_changed_character_stays_a_copy() -> None:
    edited = CAMBRIOS.replace("今天宣布", "今日宣布")
    original, copy = (set(word_shingles(dedup_tokens(text), 5)) for text in (CAMBRIOS, edited))
    assert dedup_tokens("領導廠商Cambrios今天") == ["領", "導", "廠", "商", "cambrios", "今", "天"]
    assert len(original & copy) / len(original | copy) >= 0.9
