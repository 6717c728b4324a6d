def should_add():
    assert 1 + 1 == 2


def test_subtract():
    assert 2 - 1 == 1


class TestMoney:
    def should_round(self):
        assert round(1.5) == 2
