def test_e2e():
    pass
