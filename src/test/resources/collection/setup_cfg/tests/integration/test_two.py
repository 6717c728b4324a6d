class TestTwo:
    def test_a(self):
        assert True

    def test_b(self):
        assert True
