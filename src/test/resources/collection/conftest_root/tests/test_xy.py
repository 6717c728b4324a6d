def test_x():
    assert True


def test_y():
    assert True
