def test_top():
    assert True
