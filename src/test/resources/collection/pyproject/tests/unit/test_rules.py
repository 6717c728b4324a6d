"""Module docstring that mentions
def test_not_real():
    pass
"""
import dataclasses
import unittest

import pytest


def test_plain():
    assert True


async def test_async():
    assert True


@pytest.fixture
def test_looks_like_a_test_but_is_a_fixture():
    return 1


@pytest.mark.slow
@pytest.mark.skipif(
    False,
    reason="never",
)
def test_decorated():
    assert True


def test_multi_line_signature(
    a=1,
    b=(2, 3),
):
    assert a == 1


def it_matches_a_glob():
    assert True


def testfoo_no_underscore():
    assert True


def helper():
    def test_nested_in_function():
        pass
    return test_nested_in_function


if True:
    def test_in_if_block():
        assert True
else:
    def test_in_if_block():
        assert True

try:
    import json  # noqa: F401

    def test_in_try_block():
        assert True
except ImportError:
    pass


def test_redefined():
    assert True


def test_redefined():  # noqa: F811
    assert True


test_not_a_function = 42

text = '''
def test_inside_a_string():
    pass
'''

fmt = f"{'def test_in_fstring(): pass'}"


class TestMath:
    value = {"a": [1, 2,
                   3]}

    def test_add(self):
        assert 1 + 1 == 2

    async def test_async_method(self):
        assert True

    @staticmethod
    def test_static():
        assert True

    @classmethod
    def test_classmethod(cls):
        assert True

    def helper(self):
        return 1

    class TestNested:
        def test_inner(self):
            assert True

        class TestDeeper:
            def test_deepest(self):
                assert True

    class NotATestName:
        def test_ignored(self):
            pass


class TestWithInit:
    def __init__(self):
        self.x = 1

    def test_skipped(self):
        pass


@dataclasses.dataclass
class TestDataclass:
    x: int = 1

    def test_skipped_too(self):
        pass


class TestDisabled:
    __test__ = False

    def test_disabled(self):
        pass


class TestBase:
    def test_from_base(self):
        assert True


class TestChild(TestBase):
    def test_own(self):
        assert True


class DescribeSomething:
    def it_works(self):
        assert True

    def test_also(self):
        assert True


class Unrelated:
    def test_not_collected(self):
        pass


class AccountChecks(unittest.TestCase):
    def test_balance(self):
        self.assertTrue(True)

    def testNoUnderscore(self):
        self.assertTrue(True)

    def helper(self):
        pass
