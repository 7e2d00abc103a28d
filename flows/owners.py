"""Whose a registered deployment is: the sources file and warehouse it was made for.

Deployments are named by source alone (``ingest/belta``, plus ``ingest/all`` and
``index/all``), so two projects sharing one Prefect server (one ``PREFECT_API_URL``, or
one ``$PREFECT_HOME``) and a source name meet on one deployment. The last ``serve`` or
``deploy`` registered it for its own file and warehouse and dropped the other's runs not
yet started, with no word (k53r's new-user walk; n54). Now both read, before anything
changes on the server, the registered deployment of every name they are about to
register, and refuse in one line when one belongs to another sources file or warehouse;
``--take-over`` registers it for this project as before (its runs made for the other
dropped by flows/stale_runs.py). ``ingest/all`` belongs to one sources file and
``index/all`` to one warehouse, so two projects need two servers (or ``$PREFECT_HOME``s)
even with no source name in common.

The record is the deployment's own parameters (``sources_file``, ``db_path``: a lake's
``data_path`` is its catalog's, not compared; :func:`flows.deploy.where_parameters`),
which every deployment ``serve`` and ``deploy`` made has carried since the first one; they
are also what its runs use, so they say whose warehouse a run writes. A deployment made
before this check is judged by them as any other: the same file and warehouse is a
restart. One made by hand without them has no owner that matches: refused
(``--take-over``, or delete it). Paths are compared resolved (a relative and an absolute
spelling, or a link and its target, are one owner); a PostgreSQL catalog printed as given
(without a password) and compared by its keywords in any order and spacing (v55: a
restart spelt ``host=db dbname=news`` was refused as another project's ``dbname=news
host=db``), quoted or not, its hosts as one spelling
(:func:`warehouse.catalog_spelling.one_spelling`; o56: a socket folder and a link to it,
a URI and its keywords, were two owners; k56a: ``localhost``, ``127.0.0.1`` and ``::1``
stay three, as one host's two loopbacks may hold two servers). A ``serve`` whose
deployments another takes over meanwhile refuses their runs and stops
(flows/serve_guard.py, o55).
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Sequence
from typing import Any

from pressroom.errors import DeploymentTaken, WarehouseError
from warehouse.catalog_spelling import one_spelling
from warehouse.lake import PREFIX, LakeTarget, is_lake, parse_target
from warehouse.lake_errors import hide_password

# The parameters that say where a run reads and writes; ``source_names`` (a manual
# trigger's choice) and ``cluster`` are not compared.
WHERE = ("sources_file", "db_path", "data_path")


def where_of(parameters: dict[str, Any] | None) -> dict[str, Any]:
    """The ``WHERE`` parameters of a deployment's (or a run's) ``parameters``."""
    return {key: (parameters or {}).get(key) for key in WHERE}


def owner(parameters: dict[str, Any] | None) -> tuple[str | None, ...]:
    """The sources file and warehouse ``parameters`` name, resolved: equal for two
    spellings of one file (``index/all`` names no sources file: None). A value no
    deployment of ours holds (not a path: another tool's flow named ``ingest``) is kept as
    its repr, an owner of its own (k54n: it raised TypeError, a traceback).

    A lake is its catalog: ``data_path`` is not compared (k54n). The catalog holds the
    one data path of its lake and refuses another (``serve`` and ``deploy`` attach it
    before this check), and ``--data-path`` may be left out (the lake's own is used, as
    the refusal of another one advises): a restart without it was refused as another
    project's, and its missed runs, which write the same lake, dropped."""
    where = where_of(parameters)
    return (_path(where["sources_file"]), _warehouse(where["db_path"]))


def _path(value: Any) -> str | None:
    if not value:
        return None
    if not isinstance(value, str) or "\0" in value:
        return repr(value)
    return os.path.realpath(os.path.expanduser(value))


def _warehouse(db_path: Any) -> str | None:
    if not db_path:
        return None
    if not isinstance(db_path, str) or "\0" in db_path:
        return repr(db_path)
    if not is_lake(db_path):
        return _path(db_path)
    try:
        target = parse_target(db_path)
    except WarehouseError:  # 'ducklake:' with no catalog: not one of ours
        return db_path
    file = target.catalog_file if isinstance(target, LakeTarget) else None
    if file is not None:
        return PREFIX + str(_path(str(file)))
    return PREFIX + one_spelling(target.catalog) if isinstance(target, LakeTarget) else db_path


def describe(parameters: dict[str, Any] | None) -> str:
    """The owner for a message: its sources file (none for ``index/all``) and warehouse,
    never a password."""
    where = where_of(parameters)
    file = where["sources_file"]
    parts = [f"sources file {file}{_gone(file)}"] if file else []
    parts.append(f"warehouse {hide_password(str(where['db_path']))}" if where["db_path"]
                 else "no warehouse recorded")
    if where["data_path"]:
        parts.append(f"data path {where['data_path']}")
    return " and ".join(parts)


def _gone(file: Any) -> str:
    """' (no such file here)' after a sources file this host does not have: moved or
    renamed (then ``--take-over`` is the way on, k54n), or another host's."""
    if isinstance(file, str) and "\0" not in file and not os.path.exists(
            os.path.expanduser(file)):
        return " (no such file here)"
    return ""


async def registered_as(client: Any, deployments: Sequence[Any]
                        ) -> AsyncIterator[tuple[str, Any, Any]]:
    """Each of ``deployments`` registered on the server (by flow and name; a new one is
    skipped): its name, ``flow/name``, itself, and the server's deployment of that name
    as registered before (by this project or another)."""
    from prefect.exceptions import ObjectNotFound

    for deployment in deployments:
        name = f"{deployment.flow_name}/{deployment.name}"
        try:
            registered = await client.read_deployment_by_name(name)
        except ObjectNotFound:
            continue  # new here
        yield name, deployment, registered


async def claim(deployments: Sequence[Any], command: str, *, take_over: bool) -> list[str]:
    """Refuse (:class:`DeploymentTaken`, one line) when a registered deployment of the
    same name as one of ``deployments`` belongs to another sources file or warehouse,
    unless ``take_over``; then say so in one stderr line. Changes nothing on the server.
    Returns the names taken over."""
    from prefect.client.orchestration import get_client

    foreign: list[tuple[str, dict[str, Any]]] = []
    async with get_client() as client:
        async for name, deployment, registered in registered_as(client, deployments):
            if owner(registered.parameters) != owner(deployment.parameters):
                foreign.append((name, registered.parameters))
    if not foreign:
        return []
    groups = _by_owner(foreign)
    if take_over:
        print("pressroom: taking over " + "; ".join(f"{names} from {theirs}"
                                                   for names, theirs in groups)
              + " (--take-over)", file=sys.stderr, flush=True)
        return [name for name, _ in foreign]
    ours = describe(deployments[0].parameters)
    theirs = "; ".join(f"{names}{' on this Prefect server' if not at else ''} belong(s) "
                       f"to {owner_text}" for at, (names, owner_text) in enumerate(groups))
    raise DeploymentTaken(
        f"{theirs}, not to this {command}'s {ours}; nothing changed. Give this project its "
        "own Prefect server or PREFECT_HOME, or pass --take-over to register them for this "
        "one (the other's runs not yet started are dropped)")


def _by_owner(foreign: Sequence[tuple[str, dict[str, Any]]]) -> list[tuple[str, str]]:
    """The deployment names, joined, and their owner for a message, one pair per owner
    (k54n: a server held by two other projects had every name said to be the first's)."""
    groups: dict[tuple[str | None, ...], tuple[list[str], dict[str, Any]]] = {}
    for name, parameters in foreign:
        groups.setdefault(owner(parameters), ([], parameters))[0].append(name)
    return [(", ".join(names), describe(parameters)) for names, parameters in groups.values()]
