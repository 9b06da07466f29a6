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


WORDS = CompanyLinker(
    [
        Company("target", "Target Corporation", "account", ("Target",)),
        Company("shell", "Shell plc", "account", ("Shell",)),
        Company("three-uk", "Three UK", "account", ("Three",)),
        Company("orange", "Orange S.A.", "account", ("Orange",)),
        Company("visa", "Visa Inc.", "competitor", ("Visa",)),
        Company("amazon", "Amazon", "competitor", ("Amazon.com",)),
        Company("tessaro", "Tessaro Retail", "competitor", ("Tessaro",)),
        Company("walmart", "Walmart", "competitor"),
    ]
)


def test_target_prices_set_by_analysts_are_not_target():
    assert WORDS.company_ids("Target prices for two drugmakers were lowered by analysts.") == []


def test_shell_as_an_ordinary_word_is_not_shell():
    text = "Investors felt shell shock as a shell company folded.\nShell collecting is banned."

    assert WORDS.company_ids(text) == []


def test_three_as_a_number_is_not_three_uk():
    assert WORDS.company_ids("Three airlines cancelled flights after the storm.") == []


def test_an_ordinary_word_name_followed_by_a_company_verb_is_a_mention():
    assert WORDS.company_ids("Shell said it would sell two refineries.") == ["shell"]


def test_an_ordinary_word_name_with_its_legal_form_is_a_mention():
    assert WORDS.company_ids("Target Corp. will hire 90,000 seasonal workers.") == ["target"]


def test_an_ordinary_word_name_counts_once_the_full_name_is_there():
    text = "Orange S.A. reported results.\nAnalysts expect Orange growth to slow."

    assert [m.text for m in WORDS.mentions(text)] == ["Orange S.A.", "Orange"]


def test_an_ordinary_word_name_capitalised_inside_a_sentence_is_a_mention():
    assert WORDS.company_ids("The bank now lets cardholders pay with Visa contactless.") == ["visa"]


def test_a_hyphenated_word_is_not_a_mention():
    assert WORDS.company_ids("Visa-free travel was extended for another year.") == []


def test_a_name_followed_by_another_capitalised_word_is_another_company():
    assert WORDS.company_ids("Target Hospitality won a lodging contract in Texas.") == []


def test_a_name_after_a_first_name_is_a_person_and_so_are_later_surnames():
    text = "Designer Lucia Tessaro opened a studio in Turin. Tessaro trained in Paris."

    assert WORDS.company_ids(text) == []


def test_a_headline_case_title_needs_company_words_around_an_ordinary_word():
    assert WORDS.company_ids("Orange Sunsets Delight Coastal Visitors") == []
    assert WORDS.company_ids("Orange Raises Broadband Prices For Families") == ["orange"]


def test_a_proper_noun_name_needs_company_context():
    assert WORDS.company_ids("Rain returned to the Amazon basin after a long drought.") == []
    assert WORDS.company_ids("Fishermen on the Amazon said Amazon will open a depot.") == ["amazon"]


def test_an_ordinary_word_listed_beside_a_company_is_a_mention():
    assert WORDS.company_ids("Walmart and Target both cut toy prices.") == ["target", "walmart"]


def test_a_distinct_name_in_capitals_is_a_mention():
    assert WORDS.company_ids("WALMART OPENS DRONE HUB") == ["walmart"]


def test_a_coined_name_in_an_all_lowercase_blurb_is_a_mention():
    assert WORDS.company_ids("walmart x tessaro: pick up your order in store") == [
        "tessaro",
        "walmart",
    ]


def test_a_coined_name_in_the_wrong_case_in_ordinary_text_is_not_a_mention():
    assert WORDS.company_ids("Nordic grocers copied the walmart layout.") == []


def test_an_ordinary_word_name_with_an_adverb_before_its_verb_is_a_mention():
    assert WORDS.company_ids("Three also said it would close 30 shops.") == ["three-uk"]
    assert WORDS.company_ids("Shell on Tuesday said profits fell.") == ["shell"]


def test_an_ordinary_word_name_described_in_apposition_is_a_mention():
    text = "Orange, the French telecoms group, will build the network."

    assert WORDS.company_ids(text) == ["orange"]


def test_an_ordinary_word_name_after_shares_of_is_a_mention():
    assert WORDS.company_ids("Shares of Target rose 4% in early trading.") == ["target"]


def test_a_headline_verb_after_an_ordinary_word_name_makes_it_the_company():
    assert WORDS.company_ids("Shell quits onshore drilling in two countries") == ["shell"]
    assert WORDS.company_ids("Visa fined by card watchdog") == ["visa"]


def test_a_number_word_name_counting_people_or_things_is_not_the_company():
    assert WORDS.company_ids("Three stores closed after the flood.") == []
    assert WORDS.company_ids("Three passengers were hurt when the bus braked.") == []
