def test_charge():
    assert True


def test_refund():
    assert True
