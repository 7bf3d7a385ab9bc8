"""Transliteration keys and skeletons: variants meet, different names stay apart."""

import pytest

from storyline.resolve.names import name_key, skeleton, translit_key


@pytest.mark.parametrize(("a", "b"), [
    ("Muttaqi", "Mottaki"), ("Muttaqi", "Muttaki"),
    ("Khalil-ur-Rehman Haqqani", "Khalil ur-Rahman Haqqani"),
    ("Rahm Dil Hanafi", "Rahmdel Hanafi"),
    ("al-Qaeda", "al-Qaida"), ("Al Qaeda", "al-Qaida"),
    ("Dmitry Peskov", "Dmitri Peskov"), ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Mazar-i-Sharif", "Mazar-e-Sharif"), ("Kandahar", "Qandahar"),
])
def test_variants_share_a_transliteration_key(a: str, b: str) -> None:
    assert translit_key(name_key(a)) == translit_key(name_key(b))


@pytest.mark.parametrize(("a", "b"), [
    ("Sirajuddin Haqqani", "Jalaluddin Haqqani"), ("Khalil Haqqani", "Jalaluddin Haqqani"),
    ("Ahmad Massoud", "Ahmad Shah Massoud"), ("Ned Price", "Ned Value"), ("Iran", "Iraq"),
])
def test_different_names_do_not(a: str, b: str) -> None:
    assert translit_key(name_key(a)) != translit_key(name_key(b))
    assert skeleton(name_key(a)) != skeleton(name_key(b))


def test_skeleton_keeps_the_first_letter() -> None:
    assert skeleton("ahmad") != skeleton("hamid")
    assert skeleton("zabihullah mujahid") == skeleton("zabiullah mujahid")
