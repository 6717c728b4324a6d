def test_build():
    pass
