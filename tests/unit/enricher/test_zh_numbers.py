"""Numbers of Chinese text in Arabic digits, read by rules (``zh_numbers.py``).

Sentences are quoted from the Business Wire NewsML examples (``examples/NewsML/`` of the IPTC ninjs examples, MIT
licence) as the feed sends them: simplified (20130612006110) and traditional (20130605006126) characters.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.contract.messages import NumberFact
from services.enricher.sentences import sentence_spans
from services.enricher.zh_numbers import read_chinese_numbers

APP_PUBLISHED = datetime(2013, 6, 12, 15, 29, tzinfo=UTC)
CAMBRIOS_PUBLISHED = datetime(2013, 6, 5, 21, 0, tzinfo=UTC)


def read(text: str, published_at: datetime | None = APP_PUBLISHED) -> list[NumberFact]:
    return read_chinese_numbers(text, sentence_spans(text, None, chinese=True), published_at)


def brief(facts: list[NumberFact]) -> list[tuple[str, float, str, str | None, str | None]]:
    return [(f.text, f.value, f.kind, f.unit, f.qualifier) for f in facts]


@pytest.mark.parametrize(("text", "expected"), [
    ("APP集团是全球最大的浆纸业公司之一，每年生产1,800万吨浆纸及相关纸制品。",
     [("1,800万吨", 18_000_000, "quantity", "tonnes", None)]),
    ("APP印尼和中国的产品销往全球6大洲120多个国家，旗下大部分工厂都拥有SVLK, LEI和PEFC颁发的产销监管链认证。",
     [("120多", 120, "count", None, "more than")]),  # "6大洲": no measure word, so no count
    ("“这次的任务艰巨，会有100多名工作人员涉足遍布印尼各地的38个林地开展调查",
     [("100多", 100, "count", None, "more than"), ("38", 38, "count", None, None)]),
    ("通过合理应对各类社会和环境议题，TFT帮助全球超过90个会员企业建立了可持续发展的供应链。",
     [("90", 90, "count", None, "more than")]),
])
def test_amounts(text, expected):
    assert brief(read(text)) == expected


def test_dates_stated_relative_to_the_year_and_years():
    facts = read("同时，APP明确声称旗下浆纸厂将于2013年8月31日起全面停止接收于今年2月1日前所砍伐的天然林木材。"
                 "项目第一阶段计划于2013年第四季度完成对11个林区的评估；")
    assert [(f.text, f.kind, f.date, f.date_rule) for f in facts] == [
        ("2013年8月31日", "date", "2013-08-31", "stated"),
        ("今年2月1日", "date", "2013-02-01", "relative_to_publication"),
        ("2013年", "year", None, None),
        ("11", "count", None, None),
    ]
    assert [f.sentence for f in facts] == [0, 0, 1, 1]


def test_a_month_and_year():
    (month,) = read("APP于2012年6月发布了“2020可持续发展路线图”")  # "2020" names the roadmap: no measure word
    assert (month.text, month.date, month.date_rule) == ("2012年6月", "2012-06", "stated")


def test_a_day_without_a_year_and_clock_times():
    (day,) = read("在6月5日（週三）中午12:10至12:50舉行的台北國際電腦展 DigiTimes消費電子技術與設計論壇 上",
                  CAMBRIOS_PUBLISHED)
    assert (day.text, day.date, day.date_rule) == ("6月5日", "2013-06-05", "latest_before_publication")


def test_phone_numbers_and_footnotes_are_no_facts():
    assert read("电话: (86 10) 51309901分机101、288 电子邮件") == []
    assert read("Gartner的研究報告《 Cool Vendors in Touch and Gesture Control, 2013 》 1 對Cambrios的ClearOhm") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("营收增长12.5%。", ("12.5%", 12.5, "percent", "%", None)),
    ("公司投资3.5亿美元。", ("3.5亿美元", 350_000_000, "money", "USD", None)),
    ("售价约200元。", ("200元", 200, "money", None, "about")),
    ("他被判处14年徒刑。", ("14年", 14, "duration", "years", None)),
    ("一名29岁男子。", ("29岁", 29, "age", "years", None)),
])
def test_units(text, expected):
    assert brief(read(text)) == [expected]


def test_a_range_is_dropped():
    assert read("有10至15个国家参加。") == []
