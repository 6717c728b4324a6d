import pytest

X = {  # BREAK
