"""Usage mistakes in one line: an option the subcommand does not have, found before
argparse reads it, and what the subcommand takes instead (see :func:`pressroom.cli._parse`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from pressroom.analyst_cli import positive_seconds
from pressroom.errors import single_line

# argparse's private attributes, on purpose (review r30). argparse has no public view of
# a parser's actions (CPython gh-125363 and gh-144932, open): the only public handle is
# what add_argument returns, and recording those in a parser subclass would miss every
# action added through an argument group (it calls the group's add_argument). The
# negative-number test must be argparse's own matcher (``-5`` is a positional only by its
# rule), or the pre-check would read arguments otherwise than the parse that follows.
# Used: _actions, _HelpAction, _option_string_actions, _negative_number_matcher; the
# mistaken-option tests of tests/test_first_minutes.py fail if a Python release drops one.


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, exit 2: argparse printed its
    usage block (up to six lines) above the error (u54). ``--help`` prints it in full.
    Subcommands' parsers are of this class too (``add_subparsers`` makes its own type)."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {single_line(message)} (see {self.prog} --help)",
              file=sys.stderr)
        sys.exit(2)


def accepted(p: argparse.ArgumentParser) -> str:
    """What a subcommand takes, in one line: its arguments, then its options."""
    positionals, options = [], []
    for action in p._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            name = "|".join(map(str, action.choices)) if action.choices else action.dest.upper()
            positionals.append(f"[{name}]" if action.nargs in ("?", "*") else name)
        else:
            options.append(max(action.option_strings, key=len))
    said = "the options " + ", ".join(options)
    return f"{' '.join(positionals)} and {said}" if positionals else said


def dash_hint(p: argparse.ArgumentParser, unknown: str) -> str:
    """For ``search -hockey``: how to pass a value that starts with a dash."""
    free = [a.dest.upper() for a in p._actions if not a.option_strings and not a.choices]
    if unknown.startswith("--") or not free:
        return ""
    return f"; put -- before a {free[0]} that starts with -"


def unknown_option(p: argparse.ArgumentParser, args: Sequence[str]) -> str | None:
    """The first of ``args`` that argparse would take for an option ``p`` does not have.

    Checked before parsing: argparse otherwise reads the option's value as the next
    positional (``sources --db x``: "invalid choice: 'x'") or asks for a missing one.
    """
    known = p._option_string_actions
    for arg in args:
        if arg == "--":
            break
        if not arg.startswith("-") or arg == "-" or p._negative_number_matcher.match(arg):
            continue  # a positional, as argparse reads it
        name = arg.split("=", 1)[0]
        if name.startswith("--"):
            if " " in arg or name in known or any(k.startswith(name) for k in known):
                continue  # a positional, an option, or argparse's abbreviation of one
        elif arg[:2] not in known:
            if " " in arg:
                continue  # '-x words': argparse takes it for a positional
        elif short_flags(p, arg):
            continue
        return name
    return None


def short_flags(p: argparse.ArgumentParser, arg: str) -> bool:
    """``-v``, ``-vq`` (flags), ``-n5`` (a value glued on): argparse reads each letter
    as a flag until one that takes a value; ``-hockey`` is -h, then no -o."""
    for letter in arg[1:]:
        action = p._option_string_actions.get("-" + letter)
        if action is None:
            return False
        if action.nargs != 0:
            return True  # the rest is its value
    return True


class OneSource(argparse.Action):
    """``--source`` of a command that runs one source (``backfill``, ``reparse``).

    ``ingest``'s ``--source`` is repeatable, so a second one here is a usage error
    naming both, not argparse's default, which kept the last and dropped the first
    without a word (k35b: ``backfill --source a --source b`` walked b alone, exit 0)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[object] | None, option_string: str | None = None,
                 ) -> None:
        given = getattr(namespace, self.dest, None)
        if given is not None and given != values:
            raise argparse.ArgumentError(
                self, f"one source per run (given {given} and {values}); run it once per source")
        setattr(namespace, self.dest, values)


MAX_DRAIN = 86_400.0  # a day: more is a typo, not a stop timeout


def drain_seconds(value: str) -> float:
    """``worker --drain``: more than 0 seconds, at most :data:`MAX_DRAIN` (w58). Checked
    as the options are read, before the server is asked."""
    seconds = positive_seconds(value)
    if seconds > MAX_DRAIN:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_DRAIN:.0f} seconds (a day): "
                                         f"{value!r}")
    return seconds
