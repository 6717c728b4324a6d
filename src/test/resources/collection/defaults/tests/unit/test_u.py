def test_u():
    assert True

class TestU:
    def test_m(self):
        assert True
