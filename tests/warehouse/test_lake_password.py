"""A catalog password stays out of messages and out of Prefect in every form libpq
takes it (review r18): ``password='two words'`` and a ``postgresql://user:pw@`` URI.

Real parts: the CLI as a subprocess against a port where nothing listens.
Fails on main at 3610100: the URI's password was printed in the error line and
passed into deployment parameters; a quoted password printed its second word.
"""

from __future__ import annotations

import pytest

from pressroom.errors import WarehouseError
from tests.lakepg import run_cli
from warehouse.lake import LakeTarget, deployment_parameters, flow_parameters, parse_target

CATALOGS = (
    "ducklake:postgres:postgresql://postgres:hunter2@127.0.0.1:1/pressroom",
    "ducklake:postgres:dbname=pressroom host=127.0.0.1 port=1 user=postgres "
    "password='hunter2 hunter3'",
    # Review v19: unquoted, a backslash escapes a space; " hunter3" was printed.
    "ducklake:postgres:dbname=pressroom host=127.0.0.1 port=1 user=postgres "
    "password=hunter2\\ hunter3",
)


@pytest.mark.parametrize("catalog", CATALOGS)
def test_a_password_in_any_libpq_form_stays_out_of_the_error_line(catalog: str) -> None:
    result = run_cli("status", "--db", catalog, "--data-path", "/nonexistent-r18")
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("pressroom:")]
    assert len(lines) == 1 and "cannot be reached" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert "hunter" not in result.stderr + result.stdout, result.stderr


@pytest.mark.parametrize("catalog", CATALOGS)
def test_a_password_in_any_libpq_form_is_refused_for_prefect(catalog: str) -> None:
    target = parse_target(catalog, "/shared/lake")
    assert isinstance(target, LakeTarget)
    assert "hunter" not in target.describe()
    with pytest.raises(WarehouseError, match="PGPASSWORD"):
        flow_parameters(target)
    with pytest.raises(WarehouseError, match="PGPASSWORD"):
        deployment_parameters(target)
