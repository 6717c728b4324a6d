def test_uses_fstring():
    name = "x"
    assert f"{name}" == "x"


def test_bad_fstring():
    assert f"{}" == ""  # BREAK
    assert True


def test_after():
    assert True
