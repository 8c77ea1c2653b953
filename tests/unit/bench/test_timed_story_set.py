"""The timed same-event story set: every article dated (timezone-aware, from the article itself), every key
labelled, the known groups grouped, the loader deterministic; skips where the evaluation data is absent."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bench.timed_story_set import (
    AEB_FOLDER,
    DEFAULT_DATA_DIR,
    DEFAULT_EVAL_DIR,
    EVENTS,
    EXCLUDED,
    NOTES,
    SEED_EVENT,
    SYNTHETIC_KEYS,
    TimedArticle,
    load_timed_story_set,
    load_wire,
    main,
    page_published_at,
    parse_instant,
    summary,
    url_date,
)

HAS_AEB = (DEFAULT_EVAL_DIR / AEB_FOLDER / "ground-truth.json").is_file()
needs_aeb = pytest.mark.skipif(not HAS_AEB, reason=f"no article-extraction benchmark in {DEFAULT_EVAL_DIR}")

KNOWN_GROUPS = {
    "wework-ny-attorney-general-inquiry-2019-11-18": {"aeb/06e5123e4ef7", "aeb/1ace8c85aaee"},
    "china-plague-third-case-inner-mongolia-2019-11-17": {
        "aeb/432362af0be4", "aeb/8b1945303082", "aeb/ba4dfe2d3e81", "aeb/ea25dd7edff4"},
    "europa-water-vapour-detected-2019-11-18": {"aeb/14cc2a0ca59c", "aeb/686bb170effe", "aeb/f344ca5fb36e"},
    SEED_EVENT: {"seed/seed_000.txt", "seed/seed_003.txt"},
}


@pytest.fixture(scope="module")
def articles() -> list[TimedArticle]:
    loaded = load_timed_story_set()
    assert loaded is not None
    return loaded


# ---- pure parts (no data needed) -----------------------------------------------------------------------------------


def test_an_instant_needs_a_utc_offset() -> None:
    assert parse_instant("2019-11-19T13:03:00.000Z") == datetime(2019, 11, 19, 13, 3, tzinfo=UTC)
    assert parse_instant("2019-11-20T09:29:08+0000") == datetime(2019, 11, 20, 9, 29, 8, tzinfo=UTC)
    assert parse_instant("Mon, 18 Nov 2019 16:07:38 -0600") == datetime(2019, 11, 18, 22, 7, 38, tzinfo=UTC)
    assert parse_instant("19 Nov 2019 07:09 GMT") == datetime(2019, 11, 19, 7, 9, tzinfo=UTC)
    assert parse_instant("Tue Nov 19 2019 03:05:46 GMT+0000") == datetime(2019, 11, 19, 3, 5, 46, tzinfo=UTC)
    assert parse_instant("2019-11-19 02:24:00 UTC") == datetime(2019, 11, 19, 2, 24, tzinfo=UTC)
    for no_instant in ("2019-11-19 19:31:39", "2019-11-18", "0001-01-01T00:00:00Z", "01:38:07 PM IST Nov 20, 2019",
                       "", None):
        assert parse_instant(no_instant) is None


def test_url_dates() -> None:
    assert url_date("https://techcrunch.com/2019/11/18/new-york/") == date(2019, 11, 18)
    assert url_date("https://www.politifact.com/a/statements/2019/nov/18/david-mckinley/what/") == date(2019, 11, 18)
    assert url_date("https://www.quantamagazine.org/tuft-cells-20191115/") == date(2019, 11, 15)
    assert url_date("https://www.wsj.com/articles/google-stadia-115741685") is None
    assert url_date(None) is None


def test_page_time_prefers_open_graph_then_json_ld_and_falls_back_to_the_url_day() -> None:
    page = ('<html><head><meta property="article:published_time" content="2019-11-20T02:15:49+00:00">'
            '<script type="application/ld+json">{"datePublished": "2019-11-20T02:15:49-06:00"}</script>'
            '</head><body><p>x</p></body></html>')
    assert page_published_at(page, None) == (datetime(2019, 11, 20, 2, 15, 49, tzinfo=UTC),
                                             "meta article:published_time", "time")
    ld_only = ('<html><head><script type="application/ld+json">[{"@type": "NewsArticle", '
               '"datePublished": "0001-01-01T00:00:00Z"}, {"datePublished": "2019-11-18T20:51:19Z"}]</script>'
               '</head><body><time datetime="2019-01-01T00:00:00Z">old</time></body></html>')
    assert page_published_at(ld_only, None)[:2] == (datetime(2019, 11, 18, 20, 51, 19, tzinfo=UTC),
                                                    "json-ld datePublished")
    naive = '<html><head><meta name="datePublished" content="2019-11-19 19:31:39"></head><body></body></html>'
    assert page_published_at(naive, "https://example.com/2019/11/19/story/") == (
        datetime(2019, 11, 19, 12, tzinfo=UTC), "url date", "day")


def test_labels_are_well_formed() -> None:
    assert all(key.split("/", 1)[0] in {"aeb", "seed", "wire"} for key in EVENTS)
    assert all(label and label == label.strip() and " " not in label for label in EVENTS.values())
    assert set(NOTES) <= set(EVENTS.values())
    assert SYNTHETIC_KEYS <= set(EVENTS)
    assert sum(key.startswith("aeb/") for key in EVENTS) == 180
    assert not set(EXCLUDED) & set(EVENTS)


def test_wire_items_carry_their_own_dates() -> None:
    wire = load_wire(DEFAULT_DATA_DIR)
    assert len(wire) == 11
    assert all(item.published_at.utcoffset() is not None and item.date_source.startswith("wire: ") for item in wire)
    assert {item.key for item in wire if item.synthetic} == SYNTHETIC_KEYS
    texts = [item.text for item in wire]
    assert len(set(texts)) == len(texts), "a copy of an included item slipped in"


def test_main_skips_cleanly_without_the_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert load_timed_story_set(tmp_path, DEFAULT_DATA_DIR) is None
    assert main(["--eval-dir", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


# ---- the set itself (needs the evaluation data) --------------------------------------------------------------------


@needs_aeb
def test_every_article_has_a_timezone_aware_date_and_a_source(articles: list[TimedArticle]) -> None:
    for article in articles:
        assert article.published_at.tzinfo is not None and article.published_at.utcoffset() is not None, article.key
        assert datetime(2010, 1, 1, tzinfo=UTC) <= article.published_at <= datetime(2026, 1, 1, tzinfo=UTC)
        assert article.date_source and article.date_precision in {"time", "day"}
        if article.date_precision == "day":
            assert article.published_at.astimezone(UTC).time().hour == 12


@needs_aeb
def test_stated_times_agree_with_the_url_day(articles: list[TimedArticle]) -> None:
    checked = 0
    for article in articles:
        if (day := url_date(article.url)) is not None:
            assert abs(article.published_at.astimezone(UTC).date() - day) <= timedelta(days=1), article.key
            checked += 1
    assert checked >= 50


@needs_aeb
def test_labels_cover_exactly_the_keys(articles: list[TimedArticle]) -> None:
    keys = [article.key for article in articles]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(EVENTS)
    assert all(article.event == EVENTS[article.key] for article in articles)
    assert all(article.text.strip() for article in articles)


@needs_aeb
def test_known_groups_are_grouped(articles: list[TimedArticle]) -> None:
    by_event: dict[str, set[str]] = {}
    for article in articles:
        by_event.setdefault(article.event, set()).add(article.key)
    for event, keys in KNOWN_GROUPS.items():
        assert by_event[event] == keys
    # Hard negatives: same company or subject, different happening.
    assert EVENTS["aeb/bc13ff87b263"] != EVENTS["aeb/06e5123e4ef7"]  # WeWork layoffs vs the inquiry
    assert EVENTS["aeb/fde930b01859"] != EVENTS["aeb/06e5123e4ef7"]  # a digest leading with the inquiry
    assert EVENTS["aeb/c58aa507c4de"] != EVENTS["aeb/87bf60570e6e"]  # Epstein guards vs Prince Andrew


@needs_aeb
def test_counts(articles: list[TimedArticle]) -> None:
    counts = summary(articles)
    assert counts["articles"] == 193
    assert counts["by_origin"] == {"aeb": 180, "seed": 2, "wire": 11}
    assert counts["events"] == 161
    assert counts["events_with_2_or_more"] == 20
    assert counts["articles_in_those"] == 52
    assert counts["same_event_pairs"] == 48
    assert counts["synthetic"] == 2


@needs_aeb
def test_loader_is_deterministic_and_sorted_by_time(articles: list[TimedArticle]) -> None:
    again = load_timed_story_set()
    assert again == articles
    order = [(article.published_at.astimezone(UTC), article.key) for article in articles]
    assert order == sorted(order)
