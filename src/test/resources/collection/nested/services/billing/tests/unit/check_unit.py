def test_unit():
    assert True
