from __future__ import annotations

from classifier.names import NameKind, name_kind


def test_a_name_of_several_words_is_a_phrase():
    assert name_kind(["Delta", "Air", "Lines"]) is NameKind.PHRASE


def test_ordinary_english_words_are_ambiguous_names():
    assert {name_kind([w]) for w in ["Target", "Shell", "Apple", "Oracle", "Delta"]} == {
        NameKind.WORD
    }


def test_a_proper_noun_of_its_own_is_told_apart_from_an_ordinary_word():
    assert name_kind(["Monday"]) is NameKind.PROPER


def test_a_coined_name_is_distinct():
    assert name_kind(["Starlink"]) is NameKind.DISTINCT
    assert name_kind(["monday.com"]) is NameKind.DISTINCT
