"""Cron validation with Prefect's own rules, without importing Prefect.

``serve`` hands schedules to Prefect, whose validator is
``prefect._internal.schemas.validators.validate_cron_string`` (its vendored
croniter, minus random/hashed fields). Importing that module imports all of
Prefect, which ``--no-prefect`` and ``sources`` must not pay for, so the
vendored croniter file is loaded on its own (it needs only pytz and dateutil).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

_NAME = "pressroom_vendored_croniter"


def _croniter_module() -> ModuleType:
    loaded = sys.modules.get(_NAME)
    if loaded is not None:
        return loaded
    spec = importlib.util.find_spec("prefect")  # finds the package without running it
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("prefect is not installed")
    path = Path(spec.origin).parent / "_vendor" / "croniter" / "croniter.py"
    loader_spec = importlib.util.spec_from_file_location(_NAME, path)
    if loader_spec is None or loader_spec.loader is None:
        raise ModuleNotFoundError(f"cannot load {path}")
    module = importlib.util.module_from_spec(loader_spec)
    sys.modules[_NAME] = module
    loader_spec.loader.exec_module(module)
    return module


def validate_cron_string(expr: str) -> str:
    """Prefect's cron check: croniter-valid and no random (R) or hashed (H) fields."""
    if not _croniter_module().croniter.is_valid(expr):
        raise ValueError(f'Invalid cron string: "{expr}"')
    if any(field.casefold() in {"r", "h"} for field in expr.split()):
        raise ValueError(f'Random and Hashed expressions are unsupported, received: "{expr}"')
    return expr


def croniter_class() -> Any:
    """Prefect's vendored ``croniter`` class (its scheduler's engine)."""
    return _croniter_module().croniter
