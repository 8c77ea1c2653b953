"""Canonical keys: spellings of one entity meet, different entities stay apart."""

from __future__ import annotations

import pytest

from services.enricher.canonical import canonical_key, fold_name


@pytest.mark.parametrize(
    ("label", "variants"),
    [
        ("PERSON", ["Bialiatsky", "Bialiatski", "Byalyatsky", "BIALIATSKIY"]),
        ("PERSON", ["Ales Bialiatsky", "Ales Bialiatski", "Ales Byalyatsky"]),
        ("PERSON", ["Poczobut's", "Poczobut", "Poczobut\u2019s", "Poczobut'"]),
        ("PERSON", ["\u0141ukaszenka", "Lukaszenka", "LUKASZENKA"]),
        ("ORG", ["the Kremlin", "Kremlin", "The Kremlin's"]),
        ("PERSON", ["Tikhanovskaya", "Tihanovskaya", "Tikhanovskaia"]),
        ("PERSON", ["Svetlana Tikhanovskaya", "Svetlana  Tikhanovskaya", "Svetlana-Tikhanovskaya"]),
        ("PERSON", ["Caf\u00e9", "Cafe\u0301", "CAFE"]),
    ],
)
def test_variants_share_a_key(label: str, variants: list[str]) -> None:
    keys = {canonical_key(label, variant) for variant in variants}
    assert len(keys) == 1, keys


def test_keys_have_the_expected_form() -> None:
    assert canonical_key("PERSON", "Ales Bialiatsky") == "person:ales bialiatski"
    assert canonical_key("ORG", "the Kremlin") == "org:kremlin"
    assert canonical_key("PERSON", "\u0141ukaszenka") == "person:lukaszenka"


def test_the_same_name_as_person_and_org_stays_apart() -> None:
    person, org = canonical_key("PERSON", "Trump"), canonical_key("ORG", "Trump")
    assert person != org
    assert person.split(":", 1)[1] == org.split(":", 1)[1]  # only the class differs
    assert person.startswith("person:") and org.startswith("org:")


def test_label_flips_within_a_class_do_not_matter() -> None:
    assert canonical_key("GPE", "Belarus") == canonical_key("LOC", "Belarus") == canonical_key("FAC", "Belarus")
    assert canonical_key("EVENT", "Belarus") != canonical_key("GPE", "Belarus")


@pytest.mark.parametrize(
    ("left", "right"),
    [("Kolesnikova", "Babariko"), ("Maria Kolesnikova", "Kolesnikova"), ("Lukashenko", "Lukaszenka")],
)
def test_different_names_get_different_keys(left: str, right: str) -> None:
    assert canonical_key("PERSON", left) != canonical_key("PERSON", right)


def test_a_leading_the_inside_a_name_is_kept() -> None:
    # Only a leading article is dropped; "the" elsewhere is part of the name.
    assert fold_name("Bank of the West") == "bank of the west"
