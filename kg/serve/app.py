"""The workbench as a Starlette application: pages rendered from Jinja2 templates, a SPARQL endpoint, downloads."""
from __future__ import annotations

import sys
from importlib import resources
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import KgError, UsageError
from ..queries.formats import short_cell
from ..queries.named import named_queries, named_query
from ..queries.table import COLUMNS, MODALITIES, ClaimFilter, select, sort_rows, table_text
from ..rdf.sparql import PREFIXES
from ..rdf.vocab import relation_families
from . import endpoint
from .data import StoreData, store_name
from .views import actor_view, claim_view, dyad_view, figure_of

PAGE_SIZE = 50
SHOWN_QUERY_ROWS = 500  # rows of a query the Query page shows (the endpoint answers up to the row cap)
DOWNLOADS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def create_app(store_dir: str, timeout: float = 60.0, row_cap: int = 10_000) -> Starlette:
    """The workbench over the store in `store_dir`: every query stops after `timeout` seconds, the endpoint
    answers at most `row_cap` rows."""
    if row_cap < 1:
        raise UsageError(f"--row-cap must be 1 or more, not {row_cap}")
    data = StoreData(store_dir, timeout)
    folder = resources.files(__package__)
    templates = Jinja2Templates(directory=str(folder / "templates"))
    templates.env.globals.update(with_params=_with_params, columns=COLUMNS, store=store_name(store_dir))

    def page(request: Request, name: str, status: int = 200, **context) -> Response:
        lang = _lang(request)
        return templates.TemplateResponse(request, name, {"lang": lang, "other_lang": "fa" if lang == "en" else "en",
                                                          **context}, status_code=status)

    def guarded(handler):
        """Run a page handler; a kg error becomes a page that says it in one line."""
        def run(request: Request) -> Response:
            try:
                return handler(request)
            except KgError as e:
                status = endpoint.failure(e).status
                return page(request, "error.html", status=status, message=str(e))
        return run

    def claims(request: Request) -> Response:
        lang = _lang(request)
        wanted, sort, descending = _filters(request)
        rows = sort_rows(select(data.table(lang), wanted), sort, descending)
        number = max(1, _int(request.query_params.get("page"), 1))
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        number = min(number, pages)
        shown = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        return page(request, "claims.html", rows=shown, total=len(rows), page=number, pages=pages,
                    wanted=wanted, sort=sort, descending=descending, modalities=MODALITIES,
                    relations=sorted(relation_families()), families=sorted(set(relation_families().values())))

    def download(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        wanted, sort, descending = _filters(request)
        rows = sort_rows(select(data.table(_lang(request)), wanted), sort, descending)
        return Response(table_text(rows, fmt), media_type=DOWNLOADS[fmt],
                        headers={"Content-Disposition": f'attachment; filename="claims.{fmt}"'})

    def claim(request: Request) -> Response:
        view = claim_view(data, request.query_params.get("iri", ""), _lang(request))
        return page(request, "claim.html", **view)

    def actors(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        found = [a for a in data.actors(_lang(request)) if not text or _matches(text, a)]
        return page(request, "actors.html", actors=found[:200], total=len(found), q=text)

    def actor(request: Request) -> Response:
        return page(request, "actor.html", **actor_view(data, request.query_params.get("iri", ""), _lang(request)))

    def dyad(request: Request) -> Response:
        q = request.query_params
        return page(request, "dyad.html", **dyad_view(data, q.get("a", ""), q.get("b", ""), _lang(request)))

    def figure(request: Request) -> Response:
        q = request.query_params
        svg = figure_of(data, request.path_params["kind"], q.get("iri", ""), q.get("a", ""), q.get("b", ""),
                        _lang(request))
        return Response(svg, media_type="image/svg+xml")

    def statements(request: Request) -> Response:
        rows = list(data.statements(_lang(request)))
        return page(request, "statements.html", rows=rows, total=len(rows))

    def contradictions(request: Request) -> Response:
        return page(request, "contradictions.html", rows=list(data.contradictions(_lang(request))))

    def query_page(request: Request) -> Response:
        return page(request, "query.html", **_query_context(request.query_params.get("example", ""), "", None))

    async def query_run(request: Request) -> Response:
        form = await request.form()
        text = str(form.get("query", ""))
        try:
            # in a worker thread: the event loop serves other pages while the query runs
            result = await _in_thread(lambda: data.run(text, limit=SHOWN_QUERY_ROWS + 1)) if text.strip() else None
            error = "" if text.strip() else "write a query first"
        except KgError as e:
            result, error = None, str(e)
        return page(request, "query.html", **_query_context("", text, result, error))

    async def sparql(request: Request) -> Response:
        q = request.query_params
        text = q.get("query")
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                return _send(endpoint.refusal(403, "this endpoint is read-only: no SPARQL Update"))
            if kind == "application/sparql-query":
                text = (await request.body()).decode("utf-8", errors="replace")
            elif kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.form()
                if "update" in form:
                    return _send(endpoint.refusal(403, "this endpoint is read-only: no SPARQL Update"))
                text = form.get("query")
            else:
                return _send(endpoint.refusal(415, "POST a query as application/sparql-query or as a form"))
        elif "update" in q:
            return _send(endpoint.refusal(403, "this endpoint is read-only: no SPARQL Update"))
        if not text:
            return _send(endpoint.refusal(400, "give a query: ?query=SELECT ..."))
        accept = endpoint.SHORT_NAMES.get(q.get("format", ""), request.headers.get("accept", ""))
        return _send(await _in_thread(lambda: _answer(data, str(text), accept, row_cap)))

    routes = [
        Route("/", lambda request: RedirectResponse("/claims")),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/claims", guarded(claims)),
        Route("/claims.{fmt:str}", guarded(download)),
        Route("/claim", guarded(claim)),
        Route("/actors", guarded(actors)),
        Route("/actor", guarded(actor)),
        Route("/dyad", guarded(dyad)),
        Route("/figure/{kind:str}.svg", guarded(figure)),
        Route("/statements", guarded(statements)),
        Route("/contradictions", guarded(contradictions)),
        Route("/query", guarded(query_page), methods=["GET"]),
        Route("/query", query_run, methods=["POST"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=str(folder / "static")), name="static"),
    ]
    async def unexpected(request: Request, error: Exception) -> Response:
        # a fault of kg itself: one line for the user and in the server's log, never a traceback
        line = f"kg serve: {request.url.path}: {type(error).__name__}: {' '.join(str(error).split())}"
        print(line, file=sys.stderr, flush=True)
        return Response(line + "\n", status_code=500, media_type="text/plain; charset=utf-8")

    return Starlette(routes=routes, exception_handlers={Exception: unexpected})


def _answer(data: StoreData, text: str, accept: str, row_cap: int) -> endpoint.Answer:
    try:
        return endpoint.answer(data.run(text, limit=row_cap + 1), accept, row_cap)
    except KgError as e:
        return endpoint.failure(e)


async def _in_thread(work):
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(work)


def _send(answer: endpoint.Answer) -> Response:
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type, headers=answer.headers)


def _query_context(example: str, text: str, result, error: str = "") -> dict:
    examples = named_queries()
    if example:
        if example not in examples:
            raise UsageError(f"no named query {example!r}")
        text = named_query(example)
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    cells = [[short_cell(v, result.prefixes) for v in row] for row in result.rows[:SHOWN_QUERY_ROWS]] if result else []
    return {"examples": examples, "text": text or prefixes + "\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n",
            "result": result, "cells": cells, "error": error, "shown": SHOWN_QUERY_ROWS}


def _filters(request: Request) -> tuple[ClaimFilter, str, bool]:
    q = request.query_params
    negated = {"negated": True, "affirmed": False}.get(q.get("polarity", ""))
    wanted = ClaimFilter(actor=q.get("actor", "").strip(), relation=q.get("relation", ""), negated=negated,
                         modality=q.get("modality", ""), speaker=q.get("speaker", "").strip(),
                         outlet=q.get("outlet", "").strip(), since=q.get("since", ""), until=q.get("until", ""),
                         text=q.get("text", "").strip(), statement=q.get("statement", ""))
    sort = q.get("sort", "")
    if sort and sort not in COLUMNS:
        raise UsageError(f"cannot sort by {sort!r}")
    return wanted, sort, q.get("desc", "") == "1"


def _lang(request: Request) -> str:
    return "fa" if request.query_params.get("lang") == "fa" else "en"


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or default)
    except ValueError:
        return default


def _matches(text: str, actor: dict) -> bool:
    from ..nlp.kbdata import label_key

    wanted = label_key(text).lower()
    return wanted in label_key(actor["label"]).lower() or wanted in actor["node"].lower()


def _with_params(request: Request, **changes) -> str:
    """The current page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")
