"""kg.eval.score: claims.md section 4 scoring on small fixtures, and agreement with the reference scorer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.eval.score import Evaluation, evaluate, format_report
from kg.model import Article, Claim, Entity
from kg.rdf.build import add_article, add_claim, new_graph
from kg.rdf.iris import article_iri
from kg.rdf.vocab import DIP

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

ENTITIES_TSV = """key\ttype\twikidata\ten\tfa\tar
RUS\tstate\tQ159\tRussia|Russian Federation\tروسیه\tروسيا
IRQ\tstate\tQ796\tIraq\tعراق\tالعراق
SYR\tstate\tQ858\tSyria\tسوریه\tسوريا
USA\tstate\tQ30\tUnited States|US\tآمریکا\t
LAVROV\tperson\t\tSergey Lavrov\tسرگئی لاوروف\t
"""
RELATIONS_TSV = """relation\tfamily
supports\tstance+
opposes\tstance-
criticizes\tcensure
condemns\tcensure
meets\tconsult
"""
ARTICLE = "news-1"
GOLD = [
    {"id": "news-1#1", "relation": ["supports"], "subject": ["RUS"], "object": [["SYR"]],
     "speaker": ["LAVROV"], "negated": False, "modality": "asserted", "optional": False,
     "evidence": "روسیه از سوریه و عراق حمایت می‌کند"},
    {"id": "news-1#2", "relation": ["criticizes"], "subject": ["USA"], "object": [["IRQ"]],
     "speaker": [], "negated": False, "modality": "asserted", "optional": False,
     "evidence": "آمریکا از عراق انتقاد کرد"},
    {"id": "news-1#3", "relation": ["opposes"], "subject": ["RUS"], "object": [["USA"]],
     "speaker": ["LAVROV"], "negated": False, "modality": "asserted", "optional": True,
     "evidence": "روسیه با آمریکا مخالف است"},
]


def entity(key: str) -> Entity:
    """The fixture entity `key`, labelled in English and Persian, with no Wikidata link."""
    labels = {"RUS": ("Russia", "روسیه"), "IRQ": ("Iraq", "عراق"), "SYR": ("Syria", "سوریه"),
              "USA": ("United States", "آمریکا"), "LAVROV": ("Sergey Lavrov", "سرگئی لاوروف")}[key]
    return Entity(key, "person" if key == "LAVROV" else "state", (("en", labels[0]), ("fa", labels[1])))


def claim(relation: str, subjects: str, objects: str, speakers: str = "LAVROV", negated: bool = False,
          modality: str = "asserted", span: int = 0) -> Claim:
    """A predicted claim of the fixture article; entity keys are given space-separated."""
    return Claim(ARTICLE, relation, tuple(map(entity, subjects.split())), tuple(map(entity, objects.split())),
                 tuple(map(entity, speakers.split())), negated, modality, start=span, end=span + 1)


def graph_of(*claims: Claim) -> Graph:
    """A graph with the fixture article and `claims`."""
    graph = new_graph()
    add_article(graph, Article(ARTICLE, f"corpus/{ARTICLE}.txt", "", "", ()))
    for c in claims:
        add_claim(graph, c)
    return graph


@pytest.fixture
def score(tmp_path: Path):
    """Evaluate a graph against the fixture gold, entities and relations written in tmp_path."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    lines = [json.dumps({**record, "article": ARTICLE}, ensure_ascii=False) for record in GOLD]
    (gold_dir / f"{ARTICLE}.gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "entities.tsv").write_text(ENTITIES_TSV, encoding="utf-8")
    (tmp_path / "relations.tsv").write_text(RELATIONS_TSV, encoding="utf-8")

    def run(graph: Graph) -> Evaluation:
        return evaluate(graph, [gold_dir], tmp_path / "entities.tsv", tmp_path / "relations.tsv")

    return run


def kinds(ev: Evaluation) -> list[tuple[str, str]]:
    """(kind, gold id or relation) of every scored item, sorted."""
    return sorted((d.kind, d.claim) for d in ev.details)


def test_a_matching_claim_is_a_hit(score):
    ev = score(graph_of(claim("supports", "RUS", "SYR")))
    assert (ev.strict.tp, ev.strict.fp, ev.strict.fn) == (1, 0, 1)
    assert ("HIT", "news-1#1") in kinds(ev) and ("MISS", "news-1#2") in kinds(ev)
    assert ev.strict.precision == 1.0 and ev.strict.recall == 0.5
    assert ev.strict.modality_accuracy == 1.0
    assert ev.per_relation["supports"].tp == 1 and ev.per_relation["criticizes"].fn == 1


def test_a_wrong_extra_subject_spoils_the_match(score):
    ev = score(graph_of(claim("supports", "RUS USA", "SYR")))
    assert (ev.strict.tp, ev.strict.fp, ev.strict.fn) == (0, 1, 2)
    assert ev.per_relation["supports"].fp == 1


def test_an_extra_object_is_accepted_only_when_named_in_the_evidence(score):
    named = score(graph_of(claim("supports", "RUS", "SYR IRQ")))
    assert (named.strict.tp, named.strict.fp) == (1, 0)
    unnamed = score(graph_of(claim("supports", "RUS", "SYR USA")))
    assert (unnamed.strict.tp, unnamed.strict.fp) == (0, 1)


def test_a_negation_mismatch_is_a_miss_and_a_false_positive(score):
    ev = score(graph_of(claim("supports", "RUS", "SYR", negated=True)))
    assert (ev.strict.tp, ev.strict.fp, ev.strict.fn) == (0, 1, 2)
    assert (ev.relaxed.tp, ev.relaxed.fp) == (0, 1)


def test_optional_claims_are_neither_rewarded_nor_punished(score):
    hit = claim("supports", "RUS", "SYR")
    without = score(graph_of(hit))
    with_optional = score(graph_of(hit, claim("opposes", "RUS", "USA", span=1)))
    assert (with_optional.strict.tp, with_optional.strict.fp, with_optional.strict.fn) == (1, 0, 1)
    assert with_optional.strict == without.strict
    assert ("opt", "news-1#3") in kinds(with_optional)


def test_a_repeat_counts_as_dup_only(score):
    ev = score(graph_of(claim("supports", "RUS", "SYR"), claim("supports", "RUS", "SYR", modality="future", span=1)))
    assert (ev.strict.tp, ev.strict.fp, ev.strict.dup) == (1, 0, 1)
    assert ev.predicted == 2
    assert ev.strict.modality_accuracy == 1.0  # the repeat of the gold modality is the one matched


def test_identical_claims_are_deduplicated(score):
    ev = score(graph_of(claim("supports", "RUS", "SYR"), claim("supports", "RUS", "SYR", speakers="", span=1)))
    assert (ev.predicted, ev.strict.tp, ev.strict.dup, ev.strict.fp) == (1, 1, 0, 0)


def test_relaxed_accepts_the_family_and_ignores_the_speaker(score):
    ev = score(graph_of(claim("condemns", "USA", "IRQ", speakers=""), claim("supports", "RUS", "SYR", speakers="USA")))
    assert (ev.strict.tp, ev.strict.fp, ev.strict.fn) == (0, 2, 2)
    assert (ev.relaxed.tp, ev.relaxed.fp, ev.relaxed.fn) == (2, 0, 0)
    assert ev.relaxed.f1 == 1.0


def test_keys_come_from_normalised_labels_and_involved_actors(score):
    graph = graph_of()
    node, topic, russia = URIRef("urn:claim"), URIRef("urn:topic"), URIRef("urn:russia")
    graph.add((russia, RDFS.label, Literal("روسيه", lang="ar")))  # Arabic yeh, Persian in entities.tsv
    graph.add((topic, RDFS.label, Literal("the war", lang="en")))
    graph.add((topic, DIP.involves, URIRef("http://www.wikidata.org/entity/Q858")))
    for p, o in ((RDF.type, DIP.Claim), (DIP.relation, DIP.supports), (DIP.subject, russia), (DIP.object, topic),
                 (DIP.speaker, russia), (DIP.negated, Literal(False)), (DIP.modality, DIP.Asserted),
                 (PROV.wasDerivedFrom, article_iri(ARTICLE))):
        graph.add((node, p, o))
    ev = score(graph)
    assert (ev.strict.tp, ev.strict.fn) == (0, 2)  # the speaker is Russia, not Lavrov
    assert (ev.relaxed.tp, ev.relaxed.fp) == (1, 0)


def test_a_dataset_is_flattened(score):
    dataset = Dataset()
    named = dataset.graph(URIRef("urn:graph"))
    for triple in graph_of(claim("supports", "RUS", "SYR")):
        named.add(triple)
    assert score(dataset).strict.tp == 1


def test_contract_problems_are_counted(score):
    graph = graph_of(claim("supports", "RUS", "SYR"))
    graph.add((URIRef("urn:orphan"), RDF.type, DIP.Claim))
    graph.add((URIRef("urn:orphan"), DIP.relation, DIP.meets))
    ev = score(graph)
    assert ev.contract["claims not linked to an article with dcterms:source"] == 1
    assert ev.contract["claims without dip:negated"] == 1
    assert ev.strict.tp == 1 and ev.strict.fp == 0


def test_report_ends_with_the_strict_f1(score):
    ev = score(graph_of(claim("supports", "RUS", "SYR"), claim("meets", "RUS", "IRQ", span=1)))
    report = format_report(ev, verbose=True)
    assert report.splitlines()[-1] == f"strict F1 = {ev.strict.f1:.3f}" == "strict F1 = 0.500"
    assert "news-1#2" in report and "false positives:" in report
    assert "news-1#2" not in format_report(ev)


# --- agreement with the reference scorer on the shared gold ---------------------------------------------------

needs_shared = pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="no /work/shared")


def spec_entities() -> dict[str, Entity]:
    """Entities of spec/entities.tsv with their first labels; every other one also with its Wikidata id."""
    rows = (SHARED / "spec" / "entities.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    out = {}
    for index, line in enumerate(rows[1:]):
        row = dict(zip(header, line.split("\t")))
        labels = tuple((lang, row[lang].split("|")[0]) for lang in ("en", "fa") if row.get(lang))
        out[row["key"]] = Entity(row["key"], row["type"], labels, row["wikidata"] if index % 2 == 0 else None)
    return out


def perturbed_graph(gold_dirs: list[Path]) -> Graph:
    """Gold claims turned into predictions: some dropped, negated, given a wrong subject, speaker or relation."""
    entities = spec_entities()
    families: dict[str, list[str]] = {}
    for line in (SHARED / "spec" / "relations.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        relation, family = line.split("\t")[:2]
        families.setdefault(family, []).append(relation)
    graph = new_graph()
    index = 0
    for directory in gold_dirs:
        for path in sorted(directory.glob("*.gold.jsonl")):
            name = path.name.removesuffix(".gold.jsonl")
            add_article(graph, Article(name, f"corpus/{name}.txt", "", "", ()))
            for line in path.read_text(encoding="utf-8").splitlines():
                gold = json.loads(line)
                index += 1
                if index % 3 == 0:
                    continue
                relation = gold["relation"][0]
                if index % 11 == 0:
                    relation = next((r for r in families[next(f for f, rs in families.items() if relation in rs)]
                                     if r not in gold["relation"]), relation)
                subjects = [gold["subject"][0]]
                if index % 7 == 0:
                    subjects.append(next(k for k in entities if k not in gold["subject"]))
                speakers = gold["speaker"][:1]
                if index % 4 == 0 and speakers:
                    speakers = [next(k for k in entities if k not in gold["speaker"] and k not in gold["subject"])]
                negated = gold["negated"] != (index % 5 == 0)
                copies = ("asserted", "future") if index % 13 == 0 else (gold["modality"],)
                for copy, modality in enumerate(copies):
                    add_claim(graph, Claim(name, relation, tuple(entities[k] for k in subjects),
                                           tuple(entities[group[0]] for group in gold["object"]),
                                           tuple(entities[k] for k in speakers), negated, modality,
                                           quote=gold["evidence"], start=index * 10 + copy, end=index * 10 + copy + 1))
    return graph


@needs_shared
def test_speaker_accuracy_is_measured_without_the_speaker_test(score):
    ev = score(graph_of(claim("supports", "RUS", "SYR", speakers="USA")))
    assert ev.strict.tp == 0
    assert ev.speakers.tp == 1 and ev.speakers.speaker_claims == 1 and ev.speakers.speaker_accuracy == 0.0
    ev = score(graph_of(claim("supports", "RUS", "SYR")))
    assert ev.speakers.speaker_accuracy == 1.0
    assert "speaker accuracy = 1.000 over 1" in format_report(ev)


def test_entities_beside_the_gold_add_keys(tmp_path: Path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    record = {**GOLD[0], "article": ARTICLE, "subject": ["RUS_GOV"], "speaker": []}
    (gold_dir / f"{ARTICLE}.gold.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "entities.tsv").write_text(ENTITIES_TSV, encoding="utf-8")
    graph = graph_of(Claim(ARTICLE, "supports", (Entity("X", "organization", (("fa", "دولت روسیه"),)),),
                           (entity("SYR"),)))
    assert evaluate(graph, [gold_dir], tmp_path / "entities.tsv").strict.tp == 0
    (gold_dir / "entities.tsv").write_text("key\ttype\twikidata\ten\tfa\tar\n"
                                           "RUS_GOV\torganization\t\tRussian government\tدولت روسیه\t\n",
                                           encoding="utf-8")
    assert evaluate(graph, [gold_dir], tmp_path / "entities.tsv").strict.tp == 1


def test_scores_are_given_per_folder_language_and_outlet(tmp_path: Path):
    folders = {"fa-news": ("روسیه از سوریه حمایت می‌کند", "news-1"), "en-news": ("Russia backs Syria", "news-2")}
    graph = new_graph()
    for name, (evidence, article) in folders.items():
        (tmp_path / name).mkdir()
        record = {**GOLD[0], "id": f"{article}#1", "article": article, "evidence": evidence, "speaker": []}
        (tmp_path / name / f"{article}.gold.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n",
                                                              encoding="utf-8")
        outlet = Entity("IRNA", "agency", (("en", "IRNA"),)) if name == "fa-news" else None
        add_article(graph, Article(article, f"corpus/{article}.txt", "", "", (), outlet=outlet))
    add_claim(graph, Claim("news-1", "supports", (entity("RUS"),), (entity("SYR"),)))
    ev = evaluate(graph, [tmp_path / "fa-news", tmp_path / "en-news"])
    groups = {name: (n, strict.tp, strict.fn) for name, (n, strict, _) in ev.groups.items()}
    assert groups == {"folder en-news": (1, 0, 1), "folder fa-news": (1, 1, 0), "language en": (1, 0, 1),
                      "language fa": (1, 1, 0), "outlet IRNA": (1, 1, 0), "outlet unknown": (1, 0, 1)}
    assert "outlet IRNA" in format_report(ev)


def test_agrees_with_the_reference_scorer(tmp_path: Path):
    gold_dirs = [SHARED / "corpus" / "seed", SHARED / "corpus" / "dev"]
    rdf = tmp_path / "predicted.ttl"
    perturbed_graph(gold_dirs).serialize(rdf, format="turtle")
    command = [sys.executable, str(SHARED / "tools" / "score.py"), "--rdf", str(rdf), "--json"]
    for directory in gold_dirs:
        command += ["--gold", str(directory)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    reference = json.loads(result.stdout.splitlines()[0])

    ev = evaluate(Graph().parse(rdf), gold_dirs)
    for ours, theirs in ((ev.strict, reference["strict"]), (ev.relaxed, reference["relaxed"])):
        assert {name: getattr(ours, name) for name in ("tp", "fp", "fn", "precision", "recall", "f1")} == {
            name: theirs[name] for name in ("tp", "fp", "fn", "precision", "recall", "f1")}
    assert ev.predicted == reference["predicted"] and ev.articles == reference["articles"]
    assert ev.contract == reference["contract"]
    assert 0.0 < ev.strict.f1 < ev.relaxed.f1 < 1.0
    assert format_report(ev).splitlines()[-1] == result.stdout.splitlines()[-1]
