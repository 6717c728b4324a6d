def test_ignored_because_python_files_is_custom():
    pass
