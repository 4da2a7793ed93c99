"""kg.rdf.sparql: SPARQL on an rdflib graph with kg's prefixes, bindings as values, errors on one line."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg.errors import QueryError
from kg.model import Article, Claim, Entity
from kg.rdf.build import claims_graph
from kg.rdf.iris import claim_iri, entity_iri
from kg.rdf.sparql import one_line, run_query
from kg.rdf.vocab import DIP

RUS = Entity("RUS", "state", (("en", "Russia"),), "Q159")
IRQ = Entity("IRQ", "state", (("en", "Iraq"),), "Q796")
IRN = Entity("IRN", "state", (("en", "Iran"),), "Q794")
LAVROV = Entity("LAVROV", "person", (("en", "Sergey Lavrov"),), "Q83385", RUS)
QUOTE = "ما به حاکمیت عراق احترام میگذاریم"
CLAIMS = (
    Claim("a-1", "respects", (RUS,), (IRQ,), (LAVROV,), quote=QUOTE, start=10, end=43),
    Claim("a-1", "joins", (RUS,), (IRN,), (LAVROV,), negated=True, start=100),
)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return claims_graph([Article("a-1", "a-1.txt", "x", "x", (0,))], CLAIMS)


def test_user_queries_have_the_prefixes(graph):
    result = run_query(graph, "SELECT ?s WHERE { ?s dip:respects ?o . ?o owl:sameAs wd:Q796 }")
    assert result.variables == ["s"]
    assert result.rows == [(entity_iri(RUS),)]


def test_bindings_are_values_not_text(graph):
    sneaky = Literal('x" } UNION { ?claim ?p ?o } #')
    result = run_query(graph, "SELECT ?claim WHERE { ?claim dip:quote ?q }", {"q": sneaky})
    assert result.rows == []
    result = run_query(graph, "SELECT ?claim WHERE { ?claim dip:quote ?q }", {"q": Literal(QUOTE, lang="fa")})
    assert result.rows == [(claim_iri(CLAIMS[0]),)]


def test_syntax_error_is_a_one_line_query_error(graph):
    with pytest.raises(QueryError) as caught:
        run_query(graph, "SELECT ?x WHERE {\n ?x ?y }")
    message = str(caught.value)
    assert message.startswith("SPARQL syntax error at line")
    assert "\n" not in message


def test_unknown_prefix_is_a_query_error(graph):
    with pytest.raises(QueryError, match="nope"):
        run_query(graph, "SELECT ?x WHERE { ?x nope:p ?y }")


def test_ask_and_construct(graph):
    assert run_query(graph, "ASK { ?s dip:respects ?o }").boolean is True
    assert run_query(graph, "ASK { ?s dip:joins ?o }").boolean is False
    built = run_query(graph, "CONSTRUCT { ?s dip:says ?o } WHERE { ?c dip:speaker ?s ; dip:object ?o }")
    assert built.variables == ["subject", "predicate", "object"]
    assert set(built.graph) == set(built.rows) == {
        (entity_iri(LAVROV), DIP._NS["says"], entity_iri(IRQ)),
        (entity_iri(LAVROV), DIP._NS["says"], entity_iri(IRN)),
    }


def test_one_line_folds_every_run_of_whitespace():
    assert one_line("a\n  b\t\r\nc ") == "a b c"


def test_a_bounded_call_is_stopped_at_its_timeout_and_its_errors_come_back():
    import time

    from kg.rdf.sparql import bounded

    with pytest.raises(QueryError, match="longer than 0.5 s"):
        bounded(time.sleep, 30, seconds=0.5)
    assert bounded(sum, [1, 2, 3], seconds=10) == 6
    with pytest.raises(QueryError, match="cannot run the query"):
        bounded(int, "x", seconds=10)


def test_a_query_on_a_graph_is_bounded(graph):
    from kg.rdf.sparql import bounded

    result = bounded(run_query, graph, "ASK { ?s dip:respects ?o }", seconds=30)
    assert result.boolean is True


@pytest.mark.parametrize("sparql", ["SELECT * WHERE { SERVICE <http://x.org/sparql> { ?s ?p ?o } }",
                                    "select * where { service silent <http://x.org/q> { ?s ?p ?o } }"])
def test_service_is_refused(sparql):
    from kg.rdf.sparql import refuse_service

    with pytest.raises(QueryError, match="--allow-service"):
        refuse_service(sparql)


def test_the_word_service_in_a_string_or_comment_is_no_call():
    from kg.rdf.sparql import refuse_service

    refuse_service('SELECT * WHERE { ?s rdfs:label "SERVICE" } # no SERVICE here')
