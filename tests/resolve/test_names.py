from storyline.resolve.names import name_key


def test_name_key_ignores_case_accents_dashes_and_articles() -> None:
    assert name_key("al-Qaeda") == name_key("Al Qaeda") == "al qaeda"
    assert name_key("The U.S.") == name_key("US") == "us"
    assert name_key("Taliban’s") == name_key("Taliban's") == name_key("Taliban")
    assert name_key("Islamic State – Khorasan") == name_key("Islamic State-Khorasan")
    assert name_key("Muttaqī") == "muttaqi"


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("Sirajuddin Haqqani") != name_key("Jalaluddin Haqqani")
    assert name_key("Ahmad Massoud") != name_key("Ahmad Shah Massoud")
