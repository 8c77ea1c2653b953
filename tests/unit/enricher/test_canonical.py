"""Canonical keys: spellings of one entity meet, different entities stay apart (table: ``name_variants.py``)."""

from __future__ import annotations

import pytest

from services.enricher.canonical import canonical_key, fold_name
from tests.unit.enricher.name_variants import DISTINCT_PAIRS, VARIANT_SETS, DistinctPair, VariantSet

MERGED = [variant_set for variant_set in VARIANT_SETS if variant_set.merged]
SPLIT = [variant_set for variant_set in VARIANT_SETS if not variant_set.merged]


def keys_of(variant_set: VariantSet, forms: tuple[str, ...]) -> set[str]:
    return {canonical_key(variant_set.label, form) for form in forms}


@pytest.mark.parametrize("variant_set", MERGED, ids=lambda s: s.id)
def test_variant_set_shares_one_key(variant_set: VariantSet) -> None:
    keys = keys_of(variant_set, variant_set.forms)
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    "variant_set",
    [pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=s.why)) for s in SPLIT],
    ids=lambda s: s.id,
)
def test_known_split_would_share_one_key(variant_set: VariantSet) -> None:
    keys = keys_of(variant_set, variant_set.forms)
    assert len(keys) == 1, keys


@pytest.mark.parametrize("variant_set", SPLIT, ids=lambda s: s.id)
def test_known_split_falls_into_its_documented_parts(variant_set: VariantSet) -> None:
    # Keeps the table honest in the other direction: a part that stops meeting, or two parts that start to, fail.
    assert sorted(form for part in variant_set.parts for form in part) == sorted(variant_set.forms)
    part_keys = [keys_of(variant_set, part) for part in variant_set.parts]
    assert all(len(keys) == 1 for keys in part_keys), part_keys
    assert len(set().union(*part_keys)) == len(variant_set.parts), part_keys


@pytest.mark.parametrize("pair", DISTINCT_PAIRS, ids=lambda p: p.id)
def test_distinct_entities_keep_different_keys(pair: DistinctPair) -> None:
    assert canonical_key(pair.label, pair.left) != canonical_key(pair.label, pair.right)


def test_the_table_is_big_enough_to_mean_something() -> None:
    assert len(VARIANT_SETS) >= 40 and len(DISTINCT_PAIRS) >= 20
    assert all(variant_set.note for variant_set in VARIANT_SETS)
    assert all(variant_set.why for variant_set in SPLIT)


@pytest.mark.parametrize(
    "variants",
    [
        ["Bialiatsky", "BIALIATSKIY", "Bialiatskij"],
        ["Svetlana Tikhanovskaya", "Svetlana  Tikhanovskaya", "Svetlana-Tikhanovskaya", " Svetlana Tikhanovskaya "],
        ["Caf\u00e9", "Cafe\u0301", "CAFE"],  # composed and decomposed accents
        ["Kim Jong-un", "Kim Jong\u2011un", "Kim Jong\u2013un"],  # a non-breaking hyphen or a dash still breaks
        ["O'Connor", "O\u2019Connor", "O`Connor"],
    ],
)
def test_typography_does_not_matter(variants: list[str]) -> None:
    assert len({canonical_key("PERSON", variant) for variant in variants}) == 1


def test_keys_have_the_expected_form() -> None:
    assert canonical_key("PERSON", "Ales Bialiatsky") == "person:ales bialiatski"
    assert canonical_key("ORG", "the Kremlin") == "org:kremlin"
    assert canonical_key("PERSON", "\u0141ukaszenka") == "person:lukashenko"
    assert canonical_key("PERSON", "J. K. Rowling") == "person:jk rowling"
    assert canonical_key("PERSON", "Bashar al-Assad") == "person:bashar asad"
    assert canonical_key("GPE", "Kiev") == canonical_key("GPE", "Kyiv") == "place:kiv"


def test_the_same_name_as_person_and_org_stays_apart() -> None:
    person, org = canonical_key("PERSON", "Trump"), canonical_key("ORG", "Trump")
    assert person != org
    assert person.split(":", 1)[1] == org.split(":", 1)[1]  # only the class differs
    assert person.startswith("person:") and org.startswith("org:")


def test_label_flips_within_a_class_do_not_matter() -> None:
    assert canonical_key("GPE", "Belarus") == canonical_key("LOC", "Belarus") == canonical_key("FAC", "Belarus")
    assert canonical_key("EVENT", "Belarus") != canonical_key("GPE", "Belarus")


@pytest.mark.parametrize(("left", "right"), [("Kolesnikova", "Babariko"), ("Maria Kolesnikova", "Kolesnikova")])
def test_different_names_get_different_keys(left: str, right: str) -> None:
    assert canonical_key("PERSON", left) != canonical_key("PERSON", right)


def test_a_leading_the_inside_a_name_is_kept() -> None:
    # Only a leading article is dropped; "the" elsewhere is part of the name.
    assert fold_name("Bank of the West") == "bank of the west"


def test_the_grouping_fold_keeps_an_arabic_article() -> None:
    # entities.py groups "al-Assad" under "Bashar al-Assad" as the tail of its folded words; only the key drops "al".
    assert fold_name("Bashar al-Assad").split()[-2:] == fold_name("al-Assad").split()


def test_the_kiev_rule_is_for_places_only() -> None:
    # Applied to people it would rewrite every Russian surname in -ov/-ev.
    assert canonical_key("PERSON", "Ivanov") == "person:ivanov"
