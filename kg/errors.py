"""Errors the library raises; only the CLI turns them into messages and exit codes."""
from __future__ import annotations


class KgError(Exception):
    """Base of every error `kg` raises on purpose."""

    exit_code = 1


class InputError(KgError):
    """An input file cannot be read as an article: names the file and the problem."""

    exit_code = 2

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{printable(path)}: {printable(problem)}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple:
        return type(self), (self.path, self.problem)


def printable(text: str) -> str:
    """`text` on one line: line breaks, other control characters and undecodable bytes of a file name
    written as escapes ("\\n", "\\udcff")."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for ch in text)


class DataError(KgError):
    """A lexicon or knowledge-base file is malformed: names the file and line."""

    exit_code = 3


class QueryError(KgError):
    """A SPARQL query could not be parsed or run."""

    exit_code = 4


class UsageError(KgError):
    """Options that do not fit together or name an unknown format."""

    exit_code = 64


class EndpointError(KgError):
    """A SPARQL or Graph Store endpoint cannot be reached or refused a request: names the URL."""

    exit_code = 69


class StoreError(KgError):
    """A kg store cannot be opened, read or written: names the folder and the problem."""

    exit_code = 5
