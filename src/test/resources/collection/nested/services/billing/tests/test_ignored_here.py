def test_ignored_here():
    pass
