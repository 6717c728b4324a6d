def test_in_a_helper_module():
    pass
