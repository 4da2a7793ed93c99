"""Extraction accuracy on ../shared/corpus: kg.eval.score agrees with the reference scorer, and the strict
figures stay above the thresholds below. Skipped when /work/shared is not beside the repository."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg import api
from kg.eval.score import evaluate

# The one place the accuracy floors live: strict figures of the reference scorer (whole folders) and of
# kg eval's groups ("folder dev-outlets, fa": its Persian articles). The seed floors are issue 2's
# (precision 0.80, recall 0.60) and issue 3's (F1 0.85). The syntax-driven extractor and the lexicon
# written from the language (issue 9) moved dev from 0.752 to 0.691 and the Persian articles of other
# outlets from 0.197 to 0.298; attribution, charges and evaluations (issue 11) to 0.703 and 0.352, and
# denials, failings, appeal phrases and continued speech to 0.703 and 0.381: these floors hold that
# ground; issue 9's targets (0.80, 0.65) are above.
THRESHOLDS = {"seed": {"precision": 0.80, "recall": 0.60, "f1": 0.85}, "dev": {"f1": 0.69},
              "dev-outlets": {"f1": 0.27}}
GROUP_THRESHOLDS = {("dev-outlets", "folder dev-outlets, fa"): {"f1": 0.37}}

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "tools" / "score.py"
FIGURES = ("tp", "fp", "fn", "precision", "recall", "f1")

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason=f"no {SCORER}")


@pytest.fixture(scope="module")
def scored(shared_corpus_extraction, tmp_path_factory):
    """Per corpus: (kg.eval.score's Evaluation, the reference scorer's JSON) of the extracted Turtle."""
    cache = {}

    def score(name):
        if name not in cache:
            gold = SHARED / "corpus" / name
            extraction = shared_corpus_extraction(name)
            unread = [f for f in extraction.failures if "written in" not in f.problem]  # English waits its turn
            assert extraction.articles and not unread, extraction.summary()
            turtle = api.write_graph(extraction, tmp_path_factory.mktemp(name) / f"{name}.ttl")
            ours = evaluate(Graph().parse(turtle, format="turtle"), [gold])
            extra = ["--extra-entities", str(gold / "entities.tsv")] if (gold / "entities.tsv").is_file() else []
            run = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--rdf", str(turtle), "--json",
                                  *extra], capture_output=True, text=True, check=True, timeout=600)
            cache[name] = ours, json.loads(run.stdout.splitlines()[0])
        return cache[name]

    return score


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_kg_eval_agrees_with_the_reference_scorer(scored, name):
    ours, reference = scored(name)
    for kind in ("strict", "relaxed"):
        mine = {f: getattr(getattr(ours, kind), f) for f in FIGURES}
        theirs = {f: reference[kind][f] for f in FIGURES}
        assert mine == pytest.approx(theirs), f"{name} {kind}"
    assert ours.articles == reference["articles"]


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_strict_scores_reach_the_thresholds(scored, name):
    ours, _ = scored(name)
    strict = ours.strict
    below = {figure: (round(getattr(strict, figure), 3), floor)
             for figure, floor in THRESHOLDS[name].items() if getattr(strict, figure) < floor}
    assert not below, f"{name}: strict (score, floor) below the floor: {below}"


@pytest.mark.parametrize(("name", "group"), sorted(GROUP_THRESHOLDS))
def test_strict_scores_of_a_group_reach_the_thresholds(scored, name, group):
    _, strict, _ = scored(name)[0].groups[group]
    below = {figure: (round(getattr(strict, figure), 3), floor)
             for figure, floor in GROUP_THRESHOLDS[(name, group)].items() if getattr(strict, figure) < floor}
    assert not below, f"{group}: strict (score, floor) below the floor: {below}"


def test_no_english_name_kg_spelled_itself_is_a_consonant_skeleton(shared_corpus_extraction):
    """People and agencies the knowledge base does not know get their English label from kg's romanisation;
    over the dev-outlets graph, every word of one has a vowel and no four consonants in a row."""
    import re

    from rdflib.namespace import RDF, RDFS

    from kg.rdf.vocab import DIP

    graph = api.build_graph(shared_corpus_extraction("dev-outlets"))
    spelled = [str(label) for node, label in graph.subject_objects(RDFS.label)
               if label.language == "en" and re.search(r"/actor/[0-9a-f]{16}$", str(node))
               and (node, RDF.type, DIP.Topic) not in graph]
    assert spelled
    for label in spelled:
        for word in label.lower().replace("'", "").split():
            assert re.search("[aeiou]", word) and not re.search("[^aeiou]{4,}", word), label


def test_claims_above_0_8_confidence_are_right_at_least_80_percent_of_the_time(shared_corpus_extraction):
    """The packaged calibration table (python -m kg.eval.calibrate) is in step with the extractor: on
    dev-outlets, where it was measured, claims it gives more than 0.8 are right 80% of the time or more."""
    from rdflib import Literal, URIRef

    from kg.eval.calibrate import RIGHT
    from kg.rdf.vocab import DIP

    graph = api.build_graph(shared_corpus_extraction("dev-outlets"))
    confident = [d for d in evaluate(graph, [SHARED / "corpus" / "dev-outlets"]).details if d.kind != "MISS"
                 and float(graph.value(URIRef(d.node), DIP.confidence, default=Literal(0)).toPython()) > 0.8]
    assert confident and sum(d.kind in RIGHT for d in confident) / len(confident) >= 0.8


def test_every_persian_article_of_other_outlets_gets_its_outlet(shared_corpus_extraction):
    persian = [a for a in shared_corpus_extraction("dev-outlets").articles if a.lang == "fa"]
    assert persian and [a.id for a in persian if a.outlet is None] == []


def test_who_supports_whom_on_dev_gives_one_row_per_fact(shared_corpus_extraction):
    answer = api.query(api.build_graph(shared_corpus_extraction("dev")), """SELECT ?subject ?object WHERE {
        ?s dip:supports ?o ; skos:prefLabel ?subject . ?o skos:prefLabel ?object
        FILTER(lang(?subject) = "en" && lang(?object) = "en") }""")
    facts = {(row["subject"], row["object"]) for row in answer}
    assert facts and len(answer) == len(facts)
