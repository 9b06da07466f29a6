from __future__ import annotations

from digest.summary import first_sentence


def test_a_notice_opening_with_its_case_number_is_summarised_by_its_first_real_sentence():
    notice = (
        "NCC-M-2291. Phase one review finds no competition concerns; the acquisition is "
        "cleared unconditionally. The decision is published in full."
    )

    assert first_sentence(notice) == (
        "Phase one review finds no competition concerns; the acquisition is cleared "
        "unconditionally."
    )


def test_references_and_case_lines_are_passed_over_but_a_short_real_lead_is_kept():
    assert first_sentence("Ref. 2026/441. Case C-12/25. The Authority fines OrbitNet.") == (
        "The Authority fines OrbitNet."
    )
    assert first_sentence("U.S. regulators approve the plan. More follows.") == (
        "U.S. regulators approve the plan."
    )


def test_a_text_with_no_real_sentence_keeps_its_first_one():
    assert first_sentence("NAA-S-0412. Approved.") == "NAA-S-0412."
