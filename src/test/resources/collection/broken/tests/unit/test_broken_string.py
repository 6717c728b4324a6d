import pytest


def test_first():
    assert True


doc = """this triple-quoted string is never closed  # BREAK


def test_second():
    assert "it's fine"


class TestGroup:
    def test_third(self):
        assert ')' != '('

    async def test_fourth(self):
        assert True


@pytest.mark.skip
def test_fifth():
    pass
