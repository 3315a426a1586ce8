"""Password hashing cost: production uses RFC 9106's argon2id parameters; tests run cheap ones."""

from __future__ import annotations

import importlib

from argon2 import Type, extract_parameters

from portal.services import passwords
from tests.conftest import CHEAP_PASSWORD_HASHING

PASSWORD = "harbour-lantern-417"


def test_production_parameters_are_rfc_9106_argon2id():
    assert passwords.PRODUCTION_PARAMETERS.time_cost == 3
    assert passwords.PRODUCTION_PARAMETERS.memory_cost == 65536  # KiB: 64 MiB
    assert passwords.PRODUCTION_PARAMETERS.parallelism == 4


def test_the_module_hashes_at_production_cost_unless_told_otherwise():
    try:
        importlib.reload(passwords)  # what a production process does on import
        stored = extract_parameters(passwords.hash_password(PASSWORD))
    finally:
        passwords.use_parameters(CHEAP_PASSWORD_HASHING)
    assert stored.type is Type.ID
    assert (stored.time_cost, stored.memory_cost, stored.parallelism) == (3, 65536, 4)


def test_tests_hash_cheaply_and_still_verify_production_hashes():
    cheap = extract_parameters(passwords.hash_password(PASSWORD))
    assert (cheap.time_cost, cheap.memory_cost) == (1, 8)
    try:
        passwords.use_parameters(passwords.PRODUCTION_PARAMETERS)
        production_hash = passwords.hash_password(PASSWORD)
    finally:
        passwords.use_parameters(CHEAP_PASSWORD_HASHING)
    assert passwords.verify_password(production_hash, PASSWORD)
    assert not passwords.verify_password(production_hash, PASSWORD + "x")
    assert not passwords.verify_password(None, PASSWORD)
