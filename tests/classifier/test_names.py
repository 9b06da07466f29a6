from __future__ import annotations

import pytest

from classifier import names
from classifier.names import NameKind, dictionary_file, name_kind, use_dictionary_file


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


NAMES = ["Target", "Monday", "Starlink", "Delta", "Mastercard", "House"]


@pytest.fixture
def restore_dictionary():
    """use_dictionary_file sets what the whole process reads: put back what was there."""
    before = names._trie
    yield
    names._trie = before


def test_the_dictionary_file_is_written_once_and_judges_names_as_in_memory(
    tmp_path, restore_dictionary
):
    expected = [name_kind([n]) for n in NAMES]
    path = dictionary_file(tmp_path)
    written = path.stat().st_mtime_ns
    assert dictionary_file(tmp_path) == path and path.stat().st_mtime_ns == written
    assert path.stat().st_size < 5_000_000  # a compact trie, not the 47 MB of a set of strings

    names._trie = None
    use_dictionary_file(path)
    assert [name_kind([n]) for n in NAMES] == expected


def test_a_damaged_dictionary_file_is_written_again(tmp_path, restore_dictionary):
    path = dictionary_file(tmp_path)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 3])
    assert dictionary_file(tmp_path) == path
    assert path.read_bytes() == whole


def test_without_its_file_the_dictionary_is_built_in_memory_with_a_warning(
    tmp_path, caplog, restore_dictionary
):
    names._trie = None
    use_dictionary_file(tmp_path / "gone.marisa")
    assert "cannot be read" in caplog.text
    assert name_kind(["Target"]) is NameKind.WORD
    assert name_kind(["Starlink"]) is NameKind.DISTINCT


def test_a_cache_that_cannot_take_the_dictionary_file_leaves_it_in_memory(tmp_path, caplog):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert dictionary_file(blocked) is None
    assert "cannot write the dictionary file" in caplog.text
    assert name_kind(["Shell"]) is NameKind.WORD
