budget = 500K  # BREAK


def test_budget():
    assert True


class TestBudget:
    def test_more(self):
        assert True
