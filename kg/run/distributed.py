"""Extraction spread over a Dask cluster: batches of articles go out, N-Quads partition files come back.

The client reads articles lazily (files, folders, JSONL corpora), cuts them into partitions of
`partition_size` articles and keeps a bounded number of partitions in flight, so its memory does not
grow with the corpus. Each worker process builds the kg pipeline once (kg.run.article caches it per process
and `_warm_up` builds it as soon as the run starts) and returns the triples of its partition,
one named graph per article (the quads `kg.api.build_dataset` holds). The client writes `part-00000.nq`, ...
into the output folder atomically as results arrive, then `summary.json`. `map_partitions` is the
same loop without files; `extract_for_store` feeds it to `kg ingest --dask`, article by article, in
input order. Needs the `dask` extra.
"""
from __future__ import annotations

import json
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError
from ..model import Article
from ..rdf.files import atomic_write
from ..rdf.iris import article_iri
from .article import Extracted, extract_article, extract_one, read_articles

if TYPE_CHECKING:
    from distributed import Client, Future

PART_NAME = "part-{:05d}.nq"
PART_PATTERN = re.compile(r"part-\d{5}\.nq")
SUMMARY_NAME = "summary.json"


@dataclass
class DaskReport:
    """What a distributed run produced: articles, claims by relation, failures and partition files."""

    articles: int = 0
    claims: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    partitions: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """A few lines: articles, claims by relation, partitions written, failures with reasons."""
        lines = [f"{self.articles} articles, {sum(self.claims.values())} claims, {len(self.partitions)} partitions"]
        lines.extend(f"  {relation:<20} {n}" for relation, n in self.claims.most_common())
        if self.failures:
            lines.append(f"{len(self.failures)} failed:")
            lines.extend(f"  {reason}" for reason in self.failures)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """The report as JSON-ready data (what `summary.json` holds)."""
        return {"articles": self.articles, "claims": sum(self.claims.values()),
                "by_relation": dict(self.claims.most_common()), "failures": list(self.failures),
                "partitions": [p.name for p in self.partitions]}


@dataclass(frozen=True)
class PartitionResult:
    """One partition's outcome: counts, failures as (where, what) pairs, and each extracted article's id,
    its claims' relations and its triples as N-Triples, in order (`index` None: an unreadable input)."""

    index: int | None
    articles: int
    claims: dict[str, int]
    failures: tuple[tuple[str, str], ...] = ()
    failed: bool = False
    extracted: tuple[tuple[str, tuple[str, ...], str], ...] = ()

    @property
    def nquads(self) -> str:
        """The partition as N-Quads, one named graph per article."""
        # an N-Triples line ends in " .\n", and nowhere else (literals escape their newlines)
        return "".join(text.replace(" .\n", f" <{article_iri(article_id)}> .\n")
                       for article_id, _, text in self.extracted)


def _warm_up(kb_files: tuple[str, ...]) -> bool:
    """Build this worker process's pipeline now rather than inside its first partition."""
    extract_article(Article("warm-up", "warm-up", "", "", ()), kb_files)
    return True


def extract_partition(index: int, articles: list[Article], kb_files: tuple[str, ...] = ()) -> PartitionResult:
    """Extract a batch of articles, each into N-Triples (its named graph in the N-Quads); runs on a worker."""
    results = [extract_one(article, kb_files) for article in articles]
    done = [r for r in results if r.error is None]
    failures = tuple((f"{r.source} ({r.article_id})", r.error) for r in results if r.error is not None)
    claims = Counter(relation for r in done for relation in r.relations)
    return PartitionResult(index, len(done), dict(claims), failures,
                           extracted=tuple((r.article_id, r.relations, r.ntriples) for r in done))


def batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article] | InputError]:
    """Group articles into lists of `size`, cut early where an id repeats (so each article is one named graph
    of its partition); read errors pass through on their own, in order."""
    if size < 1:
        raise UsageError(f"partition size must be at least 1, not {size}")
    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        if any(a.id == item.id for a in batch):
            yield batch
            batch = []
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _prepare(out_dir: str | Path, overwrite: bool) -> Path:
    """Create the output folder; refuse (or, with `overwrite`, remove) partitions of an earlier run."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    old = sorted(p for p in out.iterdir() if PART_PATTERN.fullmatch(p.name))
    if old and not overwrite:
        raise UsageError(f"{out} already holds {len(old)} partition files (part-*.nq): choose an empty folder "
                         "or overwrite them")
    for p in old:
        p.unlink()
    return out


def _connect(scheduler: str | Client) -> tuple[Client, bool]:
    """A client for `scheduler` (an address or a Client) and whether this run owns it."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("Dask is not installed: pip install 'kg[dask]'") from None
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler), True
    except OSError as e:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None


class _InOrder:
    """The part of `distributed.as_completed` that map_partitions uses, giving futures back in the order added."""

    def __init__(self) -> None:
        self.futures: deque[Future] = deque()

    def add(self, future: Future) -> None:
        """Queue `future`."""
        self.futures.append(future)

    def count(self) -> int:
        """Futures still queued."""
        return len(self.futures)

    def __iter__(self) -> _InOrder:
        return self

    def __next__(self) -> Future:
        if not self.futures:
            raise StopIteration
        return self.futures.popleft()


def map_partitions(items: Iterable[Article | InputError], client: Client, *, partition_size: int = 100,
                   kb_files: Iterable[str] = (), in_flight: int | None = None,
                   ordered: bool = False) -> Iterator[PartitionResult]:
    """Extract articles on `client`'s cluster in partitions, yielding each result as it completes
    (with `ordered`, in the order of the partitions).

    At most `in_flight` partitions (default: twice the cluster's threads) are out at once, so `items`
    is read lazily. Read errors come back as results with index None; a partition whose task failed
    (a worker died) as a result with `failed` set and the reason among its failures.
    """
    from distributed import as_completed

    kb = tuple(str(f) for f in kb_files)
    client.run(_warm_up, kb)
    limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
    pending = _InOrder() if ordered else as_completed()
    names: dict[str, tuple[int, list[str]]] = {}
    for item in batches(items, partition_size):
        if isinstance(item, InputError):
            yield PartitionResult(None, 0, {}, ((item.path, item.problem),))
            continue
        future = client.submit(extract_partition, len(names), item, kb, pure=False)
        names[future.key] = (len(names), [a.id for a in item])
        pending.add(future)
        while pending.count() >= limit:
            yield _result(next(pending), names)
    for future in pending:
        yield _result(future, names)


def _result(future, names: dict[str, tuple[int, list[str]]]) -> PartitionResult:
    """The result of a finished partition task, or a failed result saying why it has none."""
    index, ids = names[future.key]
    try:
        return future.result()
    except Exception as e:  # a worker died or the task raised: report it and go on
        reason = (f"partition {index} (articles {ids[0]} to {ids[-1]})", f"not extracted: {type(e).__name__}: {e}")
        return PartitionResult(index, 0, {}, (reason,), failed=True)
    finally:
        future.release()


def extract_on_dask(paths: Iterable[str | Path], scheduler: str | Client, out_dir: str | Path, *,
                    partition_size: int = 100, kb_files: Iterable[str] = (), date: str | None = None,
                    in_flight: int | None = None, overwrite: bool = False,
                    on_partition: Callable[[DaskReport], None] | None = None) -> DaskReport:
    """Extract every article under `paths` on a Dask cluster into `out_dir/part-NNNNN.nq` and a summary.

    `scheduler` is an address ("tcp://host:8786") or a `distributed.Client`; `on_partition` is called
    with the report so far after each partition is written (for a progress display).
    """
    out = _prepare(out_dir, overwrite)
    client, owned = _connect(scheduler)
    report = DaskReport()
    try:
        for result in map_partitions(read_articles(paths, date), client, partition_size=partition_size,
                                     kb_files=kb_files, in_flight=in_flight):
            report.failures.extend(f"{where}: {what}" for where, what in result.failures)
            if result.index is None or result.failed:
                continue
            report.partitions.append(atomic_write(out / PART_NAME.format(result.index), result.nquads))
            report.articles += result.articles
            report.claims.update(result.claims)
            if on_partition is not None:
                on_partition(report)
    finally:
        if owned:
            client.close()
    report.partitions.sort()
    report.failures.sort()
    atomic_write(out / SUMMARY_NAME, json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n")
    return report


def extract_for_store(articles: Iterable[Article], scheduler: str | Client, *, partition_size: int = 100,
                      kb_files: Iterable[str] = ()) -> Iterator[Extracted | InputError]:
    """Extract `articles` on a Dask cluster and yield each one's triples as `kg.run.batch` does, in input order,
    with each failure as an InputError: what `kg ingest --dask` writes into the store."""
    client, owned = _connect(scheduler)
    try:
        for result in map_partitions(articles, client, partition_size=partition_size, kb_files=kb_files,
                                     ordered=True):
            yield from (InputError(where, what) for where, what in result.failures)
            for article_id, relations, text in result.extracted:
                yield Extracted(article_id, "", text, relations)
    finally:
        if owned:
            client.close()
