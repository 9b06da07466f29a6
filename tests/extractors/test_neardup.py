"""The near-duplicate signatures' banding: fixed in the code, chosen by datasketch."""

from datasketch import MinHashLSH

from extractors import neardup


def test_the_fixed_banding_is_the_one_datasketch_chooses_for_the_threshold():
    chosen = MinHashLSH(threshold=neardup.NEAR_DUPLICATE, num_perm=neardup.NUM_PERM)
    assert (chosen.b, chosen.r) == neardup.BANDING
    assert list(chosen.hashranges) == list(neardup.new_lsh().hashranges)


def test_band_keys_of_a_copy_meet_those_of_its_source_and_not_those_of_another_text():
    source = " ".join(f"word{i} of the release about the new regional route" for i in range(40))
    copy = "Reprinted with permission. " + source + " Subscribe for more."
    other = " ".join(f"term{i} in a notice on spectrum licences for carriers" for i in range(40))
    keys = set(neardup.band_keys(neardup.signature(source)))
    assert len(keys) == neardup.BANDING[0]
    assert keys & set(neardup.band_keys(neardup.signature(copy)))
    assert not keys & set(neardup.band_keys(neardup.signature(other)))
