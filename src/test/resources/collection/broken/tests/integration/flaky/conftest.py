import pytest


@pytest.fixture
def client(:  # BREAK
    return object()
