from __future__ import annotations

from classifier.linker import CompanyLinker
from radar.records import Company

LINKER = CompanyLinker(
    [
        Company("delta-air-lines", "Delta Air Lines", "account", ("Delta",)),
        Company("apple", "Apple", "account"),
        Company("starlink", "Starlink", "competitor"),
        Company(
            "amazon-leo", "Amazon Leo", "competitor", ("Project Kuiper",), ("Amazon Leo Tours",)
        ),
    ]
)


def test_delta_in_mekong_delta_is_not_a_mention():
    assert LINKER.company_ids("Rice farmers in the Mekong Delta face a dry season.") == []


def test_apple_in_apple_cider_is_not_a_mention():
    assert LINKER.company_ids("The orchard pressed its apple cider early this year.") == []


def test_a_possessive_is_a_mention():
    assert LINKER.company_ids("Delta's new lounge opened in Atlanta.") == ["delta-air-lines"]


def test_the_full_name_is_one_mention_not_two():
    mentions = LINKER.mentions("Delta Air Lines said on Tuesday that it would add flights.")

    assert [(m.company_id, m.text) for m in mentions] == [("delta-air-lines", "Delta Air Lines")]


def test_a_multi_word_name_matches_in_capitals():
    assert LINKER.company_ids("PROJECT KUIPER SATELLITES REACH ORBIT") == ["amazon-leo"]


def test_a_name_inside_a_longer_word_is_not_a_mention():
    assert LINKER.company_ids("Starlinkers gathered in Austin.") == []


def test_an_excluded_phrase_is_not_a_mention():
    assert LINKER.company_ids("Amazon Leo Tours runs river cruises.") == []
    assert LINKER.company_ids("Amazon Leo launched more satellites.") == ["amazon-leo"]
