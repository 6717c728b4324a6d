import pytest


@pytest.mark.parametrize("n", [1, 2, 3])
def test_parametrized(n):
    assert n > 0


def test_second():
    x = """
    unbalanced ( in a string
    """
    assert x


class TestApi:
    def test_get(self):
        assert True
