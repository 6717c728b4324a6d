class TestIndent:
    def test_a(self):
        assert True

    def test_b(self):
        x = 1
      y = 2  # BREAK
        assert x

    def test_c(self):
        assert True


def test_d():
    assert True
