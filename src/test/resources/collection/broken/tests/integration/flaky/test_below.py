def test_a():
    assert True


def test_b():
    assert True


def test_c():
    assert True
