LIMITS = [1, 2,  # BREAK


def test_limit_one():
    assert True


def test_limit_two():
    assert True


def test_limit_three():
    assert True
