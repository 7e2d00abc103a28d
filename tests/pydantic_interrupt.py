"""A pressroom CLI child whose stop signal lands inside pydantic-core's serializer.

A signal's handler that raises KeyboardInterrupt (pressroom's do) while the main thread runs
a custom serializer that pydantic-core called (Prefect's settings have one on every model,
dumped at ``from prefect import serve`` and elsewhere) does not surface as KeyboardInterrupt:
pydantic-core wraps it, ``PydanticSerializationError: Error calling function ...:
KeyboardInterrupt``, and where the models are nested, as Prefect's settings are, nothing in
the raised error's ``__cause__`` or ``__context__`` says it was an interrupt (h55: ``serve``
ended with that traceback, exit 1, one stop in five under load).

The child made here lands the signal there every time: once the handler in force for the
signal is one that ``handler_from`` defines, the next module the main thread imports runs
(from an audit hook) a ``model_dump`` of nested models whose inner serializer raises the
signal in its own process; the error escapes that ``import`` statement, as h55's escaped
``from prefect import serve``. It prints ``sent`` to stderr first.
"""

from __future__ import annotations


def pydantic_interrupt_script(sent: str, signame: str, handler_from: str,
                              at_import: str | None = None) -> str:
    """Source for ``python -c SCRIPT ARGS...``: ``pressroom ARGS...``, stopped as above by
    ``signame`` (``"SIGTERM"``, ``"SIGINT"``); with ``at_import``, at the import of that
    module, not the first one after the handler is in."""
    return f"""
import signal, sys, threading

from pydantic import BaseModel, model_serializer

SIGNAL = signal.{signame}
AT_IMPORT = {at_import!r}


class Inner(BaseModel):
    n: int = 1

    @model_serializer(mode="wrap")
    def _ser(self, handler):
        signal.raise_signal(SIGNAL)  # its handler runs before this returns
        return handler(self)


class Outer(BaseModel):
    inner: Inner = Inner()

    @model_serializer(mode="wrap")
    def _ser(self, handler):
        return handler(self)


done = []


def hook(event, args):
    if event != "import" or done or threading.current_thread() is not threading.main_thread():
        return
    if AT_IMPORT is not None and args[0] != AT_IMPORT:
        return
    module = str(getattr(signal.getsignal(SIGNAL), "__module__", ""))
    if not (module == {handler_from!r} or module.startswith({handler_from + "."!r})):
        return
    done.append(args[0])
    print({sent!r}, args[0], file=sys.stderr, flush=True)
    Outer().model_dump()


sys.addaudithook(hook)
from pressroom.cli import main
sys.exit(main(sys.argv[1:]))
"""
