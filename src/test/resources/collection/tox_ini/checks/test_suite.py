class PaymentSuite:
    def check_total(self):
        assert True

    def test_not_matching(self):
        pass


class TestNotAGroup:
    def check_ignored(self):
        pass


def check_module_level():
    assert True
