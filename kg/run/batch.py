"""Batch ingest into the store: articles streamed in order, extracted in one or N processes or on a Dask
cluster, written one transaction per article by this process alone, with a progress line and a closing summary."""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InputError
from ..model import Article
from ..rdf.build import content_hash
from ..store.oxigraph import article_count, open_store, stored_hash, triple_count, write_article
from .article import Extracted, extract_one, pipeline, read_articles

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")
R = TypeVar("R")
CHUNK = 8  # articles per task sent to a worker process


@dataclass
class IngestReport:
    """What one ingest run did: articles added, replaced or unchanged, claims by relation, failures."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    claims: Counter[str] = field(default_factory=Counter)
    failures: list[InputError] = field(default_factory=list)
    store_articles: int = 0
    store_triples: int = 0
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        """Articles read, failures excluded."""
        return self.added + self.replaced + self.unchanged

    def summary(self, failures: bool = True) -> str:
        """A few lines: articles, claims by relation, the store's size and (unless `failures` is false) failures."""
        lines = [f"{self.articles} articles ({self.added} added, {self.replaced} replaced, "
                 f"{self.unchanged} unchanged), {sum(self.claims.values())} claims in {self.seconds:.1f} s"]
        for relation, n in self.claims.most_common():
            lines.append(f"  {relation:<20} {n}")
        lines.append(f"store: {self.store_articles} articles, {self.store_triples} triples")
        if failures and self.failures:
            lines.append(f"{len(self.failures)} failed:")
            lines.extend(f"  {e}" for e in self.failures)
        return "\n".join(lines)


_WORKER_KB: tuple[str, ...] = ()


def _start_worker(kb_files: tuple[str, ...], parent: int) -> None:
    """Process-pool initializer: build the pipeline once per worker; exit if the ingest process dies."""
    global _WORKER_KB
    _WORKER_KB = kb_files
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    pipeline(kb_files)


def _exit_with(parent: int) -> None:
    """Exit once `parent` is gone (killed): an orphaned worker would otherwise wait for work for ever."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _extract_chunk(articles: list[Article]) -> list[Extracted]:
    return [extract_one(article, _WORKER_KB) for article in articles]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def imap_bounded(fn: Callable[[list[T]], list[R]], items: Iterable[T], jobs: int, chunk: int = CHUNK,
                 initializer: Callable[..., Any] | None = None, initargs: tuple = ()) -> Iterator[R]:
    """`fn` over chunks of `items` in `jobs` processes, results in input order, at most 2×jobs chunks in flight."""
    context = multiprocessing.get_context("spawn")  # no fork of a process holding the store's threads
    with _main_not_rerun():
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs)
        window: deque[Future[list[R]]] = deque()
        try:
            for part in _chunks(items, chunk):
                window.append(pool.submit(fn, part))
                if len(window) >= 2 * jobs:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Spawned workers would import the caller's script again and run its unguarded top level (a second ingest
    into the same store); they need nothing from it, so while they start the script is not named to them."""
    main = sys.modules.get("__main__")
    saved = {name: getattr(main, name) for name in ("__file__", "__spec__") if hasattr(main, name)}
    try:
        for name in saved:
            setattr(main, name, None) if name == "__spec__" else delattr(main, name)
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


def _to_extract(items: Iterable[Article | InputError], store, report: IngestReport) -> Iterator[Article]:
    """The articles whose content the store does not have yet; failures and unchanged ones are counted."""
    for item in items:
        if isinstance(item, InputError):
            report.failures.append(item)
        elif stored_hash(store, item.id) == content_hash(item):
            report.unchanged += 1
        else:
            yield item


def _progress(enabled: bool):
    """A tqdm bar on stderr when `enabled` and stderr is a terminal; a silent one otherwise."""
    from tqdm import tqdm

    shown = enabled and sys.stderr.isatty()
    size = os.get_terminal_size(sys.stderr.fileno()) if shown else os.terminal_size((0, 0))
    # a terminal that reports no size (0 x 0) would make tqdm draw nothing
    return tqdm(unit=" articles", desc="ingest", file=sys.stderr, ncols=size.columns or 100,
                nrows=size.lines or 24, disable=not shown)


def ingest(paths: Iterable[str | Path], store_dir: str | Path, jobs: int = 1, kb_files: Iterable[str] = (),
           date: str | None = None, progress: bool = False, dask: str | Client | None = None,
           partition_size: int = 100) -> IngestReport:
    """Add the articles under `paths` to the store in `store_dir`, one transaction per article; `dask` (a
    scheduler address or Client) extracts them on a cluster in partitions of `partition_size` articles."""
    started = time.monotonic()
    kb = tuple(str(f) for f in kb_files)
    articles = read_articles(paths, date)  # a bad --date fails here, before the store is made
    store = open_store(store_dir, write=True)
    report = IngestReport()
    todo = _to_extract(articles, store, report)
    done: Iterator[Extracted | InputError]
    if dask is not None:
        from .distributed import extract_for_store

        done = extract_for_store(todo, dask, partition_size=partition_size, kb_files=kb)
    elif jobs > 1:
        done = imap_bounded(_extract_chunk, todo, jobs, initializer=_start_worker, initargs=(kb, os.getpid()))
    else:
        done = (extract_one(article, kb) for article in todo)
    with closing(done), _progress(progress) as bar:  # closing: a failed write stops the workers too
        for result in done:
            if isinstance(result, InputError):
                report.failures.append(result)
            elif result.error:
                report.failures.append(InputError(result.source, f"article {result.article_id}: {result.error}"))
            else:
                existed = stored_hash(store, result.article_id) is not None
                write_article(store, result.article_id, result.ntriples)
                report.replaced += existed
                report.added += not existed
                report.claims.update(result.relations)
            bar.update(1)
            bar.set_postfix(claims=sum(report.claims.values()), unchanged=report.unchanged,
                            failed=len(report.failures), refresh=False)
    store.flush()
    report.store_articles, report.store_triples = article_count(store), triple_count(store)
    report.seconds = time.monotonic() - started
    return report
