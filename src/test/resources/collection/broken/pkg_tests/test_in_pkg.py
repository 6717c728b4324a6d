def test_p1():
    assert True


def test_p2():
    assert True
