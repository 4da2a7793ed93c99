"""Scoring a graph's claims against gold claim files, per shared/spec/claims.md section 4."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from ..rdf.vocab import DIP, relation_families
from .gold import GoldClaim, Vocabulary, beside_gold, load_gold, load_vocabulary, normalize_label

_QID_AT_END = re.compile(r"(Q\d+)$")
_WIKIDATA_ENTITY = re.compile(r"wikidata\.org/entity/(Q\d+)$")
_LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


@dataclass(frozen=True)
class Score:
    """Counts and micro-averaged figures of one comparison."""

    tp: int
    fp: int
    fn: int
    dup: int
    precision: float
    recall: float
    f1: float
    modality_accuracy: float
    speaker_accuracy: float = 0.0
    speaker_claims: int = 0

    @classmethod
    def from_counts(cls, counts: Counter[str]) -> Score:
        """A score from counts of tp, fp, fn, dup and modality_correct; a ratio over zero is 0.0."""
        tp, fp, fn, dup = counts["tp"], counts["fp"], counts["fn"], counts["dup"]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        modality_accuracy = counts["modality_correct"] / tp if tp else 0.0
        spoken = counts["speaker_named"]
        speaker_accuracy = counts["speaker_correct"] / spoken if spoken else 0.0
        return cls(tp, fp, fn, dup, precision, recall, f1, modality_accuracy, speaker_accuracy, spoken)


@dataclass(frozen=True)
class Detail:
    """One scored item: a gold claim hit, missed or optionally matched, or a predicted repeat or false positive."""

    kind: str  # HIT, MISS, opt, dup or FP
    article: str
    claim: str  # the gold claim's id; the predicted relation for dup and FP
    info: str  # the predicted claim node; the gold note for MISS; a description for dup and FP
    node: str = ""  # the predicted claim node, for all but MISS


@dataclass(frozen=True)
class Evaluation:
    """Strict and relaxed scores, strict scores per relation, the scored items and contract problems; `speakers`
    scores with the speaker test off (its speaker_accuracy is the share of matched claims with the gold's speaker);
    `groups` the number of articles and strict and relaxed scores per gold folder ("folder dev"), language of
    the gold evidence ("language fa") and outlet ("outlet IRNA")."""

    strict: Score
    relaxed: Score
    per_relation: dict[str, Score]
    details: list[Detail]
    contract: dict[str, int]
    articles: int
    predicted: int
    speakers: Score | None = None
    groups: dict[str, tuple[int, Score, Score]] = field(default_factory=dict)


@dataclass(frozen=True)
class _PredictedClaim:
    node: str
    relation: str
    subjects: tuple[frozenset[str], ...]  # the keys of each subject node
    objects: tuple[frozenset[str], ...]  # the keys of each object node and the actors it involves
    speakers: frozenset[str]
    negated: bool
    modality: str
    quote: str


_Accept = Callable[[GoldClaim, _PredictedClaim], bool]  # whether a predicted claim states a gold claim


def evaluate(
    graph: Graph, gold_dirs: Iterable[str | Path], entities: Path | None = None, relations: Path | None = None
) -> Evaluation:
    """Score the claims in `graph` against the gold files in `gold_dirs` (with the entities.tsv beside them)."""
    gold_dirs = [Path(d) for d in gold_dirs]
    vocabulary = load_vocabulary(entities, beside_gold(gold_dirs))
    families = relation_families(Path(relations) if relations else None)
    golds: dict[str, list[GoldClaim]] = {}
    groups: dict[str, set[str]] = defaultdict(set)
    for directory in gold_dirs:
        for article, records in load_gold([directory]).items():
            golds.setdefault(article, []).extend(map(GoldClaim.from_record, records))
            groups[f"folder {directory.resolve().name}"].add(article)
            groups[f"language {_language(records)}"].add(article)
            groups[f"folder {directory.resolve().name}, {_language(records)}"].add(article)
    flat = _flatten(graph)
    predicted, contract = _predicted_claims(flat, _KeyResolver(flat, vocabulary), set(families))
    for article, outlet in _outlets(flat).items():
        if article in golds:
            groups[f"outlet {outlet}"].add(article)
    deduped = {article: _dedupe(predicted.get(article, [])) for article in golds}
    match = partial(_matches, families=families, labels_by_key=vocabulary.labels_by_key)
    strict_match, relaxed_match = partial(match, relaxed=False), partial(match, relaxed=True)
    strict, per_relation, details = _score(golds, deduped, strict_match)
    relaxed, _, _ = _score(golds, deduped, relaxed_match)
    speakers, _, _ = _score(golds, deduped, partial(match, relaxed=False, speaker=False))
    for name in [name for name in groups if name.startswith("folder ") and ", " in name]:
        if groups[name] == groups[name.rpartition(", ")[0]]:  # a folder of one language needs no second line
            del groups[name]
    outlets = {a for name, articles in groups.items() if name.startswith("outlet ") for a in articles}
    if outlets != set(golds):
        groups["outlet unknown"] = set(golds) - outlets
    scored = {name: (len(articles),) + tuple(_score({a: golds[a] for a in sorted(articles)}, deduped, accept)[0]
                                             for accept in (strict_match, relaxed_match))
              for name, articles in sorted(groups.items())}
    predicted_count = sum(map(len, deduped.values()))
    return Evaluation(strict, relaxed, per_relation, details, contract, len(golds), predicted_count, speakers,
                      scored)


def _language(records: list[dict]) -> str:
    """"fa" when most letters of the gold evidence are of the Arabic script, else "en"."""
    letters = [ch for record in records for ch in record.get("evidence") or "" if ch.isalpha()]
    arabic = sum("\u0600" <= ch <= "\u06ff" for ch in letters)
    return "fa" if arabic * 2 >= len(letters) else "en"


def _outlets(graph: Graph) -> dict[str, str]:
    """Article name -> the English (else any) label of the outlet the graph gives the article."""
    found = {}
    for article, outlet in graph.subject_objects(DIP.outlet):
        labels = sorted(graph.objects(outlet, RDFS.label), key=lambda label: (label.language != "en", str(label)))
        name = str(labels[0]) if labels else _local_name(outlet)
        for source in graph.objects(article, DCTERMS.source):
            found[_article_name(source)] = name
    return found


def _flatten(graph: Graph) -> Graph:
    if not graph.context_aware:
        return graph
    flat = Graph()
    flat.addN((s, p, o, flat) for s, p, o, _ in graph.quads((None, None, None, None)))
    return flat


class _KeyResolver:
    """Maps graph nodes to entity keys by Wikidata id and labels, remembering each node."""

    def __init__(self, graph: Graph, vocabulary: Vocabulary) -> None:
        self.graph = graph
        self.vocabulary = vocabulary
        self.known: dict[Node, frozenset[str]] = {}

    def keys(self, node: Node) -> frozenset[str]:
        if node not in self.known:
            self.known[node] = frozenset(self._find_keys(node))
        return self.known[node]

    def object_keys(self, node: Node) -> frozenset[str]:
        keys = set(self.keys(node))
        for involved in self.graph.objects(node, DIP.involves):
            keys |= self.keys(involved)
        return frozenset(keys)

    def _find_keys(self, node: Node) -> set[str]:
        qids = [_QID_AT_END.search(str(same)) for same in self.graph.objects(node, OWL.sameAs)]
        qids.append(_WIKIDATA_ENTITY.search(str(node)))
        keys = {self.vocabulary.key_by_qid[m.group(1)] for m in qids if m and m.group(1) in self.vocabulary.key_by_qid}
        labels = [label for p in _LABEL_PROPERTIES for label in self.graph.objects(node, p)]
        if isinstance(node, Literal):
            labels.append(node)
        for label in labels:
            keys |= self.vocabulary.keys_by_label.get(normalize_label(str(label)), frozenset())
        return keys


def _local_name(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _article_name(source: Node) -> str:
    basename = str(source).rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\.[^./]*$", "", basename)


def _predicted_claims(
    graph: Graph, resolver: _KeyResolver, known_relations: set[str]
) -> tuple[dict[str, list[_PredictedClaim]], dict[str, int]]:
    """Predicted claims by article name, and counts of claims that break the RDF contract."""
    by_article: dict[str, list[_PredictedClaim]] = defaultdict(list)
    problems: Counter[str] = Counter()
    for node in sorted(set(graph.subjects(RDF.type, DIP.Claim))):
        relations = sorted(_local_name(r) for r in graph.objects(node, DIP.relation))
        if not relations:
            problems["claims without exactly one dip:relation"] += 1
            continue
        articles = {
            _article_name(source)
            for article in graph.objects(node, PROV.wasDerivedFrom)
            for source in graph.objects(article, DCTERMS.source)
        }
        negated_values = list(graph.objects(node, DIP.negated))
        modalities = sorted(_local_name(m).lower() for m in graph.objects(node, DIP.modality))
        subjects = tuple(resolver.keys(s) for s in graph.objects(node, DIP.subject))
        objects = tuple(resolver.object_keys(o) for o in graph.objects(node, DIP.object))
        checks = (
            ("claims without exactly one dip:relation", len(relations) != 1),
            ("claims with a relation outside relations.tsv", relations[0] not in known_relations),
            ("claims not linked to an article with dcterms:source", not articles),
            ("claims without dip:negated", not negated_values),
            ("claims without dip:modality", not modalities),
            ("claims without a subject or an object", not subjects or not objects),
        )
        problems.update(problem for problem, broken in checks if broken)
        claim = _PredictedClaim(
            node=str(node),
            relation=relations[0],
            subjects=subjects,
            objects=objects,
            speakers=frozenset().union(*(resolver.keys(s) for s in graph.objects(node, DIP.speaker))),
            negated=any(str(value).lower() in ("true", "1") for value in negated_values),
            modality=modalities[0] if modalities else "",
            quote=next((str(q) for q in graph.objects(node, DIP.quote)), ""),
        )
        for article in articles or {"?"}:
            by_article[article].append(claim)
    return dict(by_article), dict(problems)


def _dedupe(claims: list[_PredictedClaim]) -> list[_PredictedClaim]:
    """Claims with the same keys, polarity and modality count once, gathering the speakers of all."""
    kept: dict[tuple, _PredictedClaim] = {}
    for claim in claims:
        identity = (claim.relation, frozenset(claim.subjects), frozenset(claim.objects), claim.negated, claim.modality)
        if identity in kept:
            kept[identity] = replace(kept[identity], speakers=kept[identity].speakers | claim.speakers)
        else:
            kept[identity] = claim
    return list(kept.values())


def _matches(
    gold: GoldClaim,
    pred: _PredictedClaim,
    families: dict[str, str],
    labels_by_key: dict[str, frozenset[str]],
    relaxed: bool,
    speaker: bool = True,
) -> bool:
    """Whether `pred` states `gold`: relation (family), subjects, objects, polarity and, strictly, speaker
    (unless `speaker` is false)."""
    if relaxed:
        if families.get(pred.relation) not in {families.get(r) for r in gold.relations}:
            return False
    elif pred.relation not in gold.relations:
        return False
    if not pred.subjects or any(not (node & gold.subjects) for node in pred.subjects):
        return False
    predicted_objects = frozenset().union(*pred.objects)
    if any(not (group & predicted_objects) for group in gold.object_groups):
        return False
    gold_objects = frozenset().union(*gold.object_groups)

    def named_in_evidence(node: frozenset[str]) -> bool:
        labels = (label for key in node for label in labels_by_key.get(key, ()))
        return any(len(label) > 1 and label in gold.evidence for label in labels)

    if any(not (node & gold_objects) and not named_in_evidence(node) for node in pred.objects):
        return False
    if gold.negated != pred.negated:
        return False
    return relaxed or not speaker or not gold.speakers or bool(gold.speakers & pred.speakers)


def _max_matching(candidates: list[list[int]]) -> dict[int, int]:
    """Kuhn's augmenting paths: gold index -> predicted index, as many pairs as there can be."""
    owner: dict[int, int] = {}

    def augment(gold: int, seen: set[int]) -> bool:
        for pred in candidates[gold]:
            if pred in seen:
                continue
            seen.add(pred)
            if pred not in owner or augment(owner[pred], seen):
                owner[pred] = gold
                return True
        return False

    for gold in range(len(candidates)):
        augment(gold, set())
    return {gold: pred for pred, gold in owner.items()}


def _candidates(gold: GoldClaim, preds: list[_PredictedClaim], accept: _Accept, taken: set[int]) -> list[int]:
    """Indices of the free predictions that match `gold`, those of the same modality first."""
    matching = [i for i, pred in enumerate(preds) if i not in taken and accept(gold, pred)]
    return sorted(matching, key=lambda i: preds[i].modality != gold.modality)


def _describe(pred: _PredictedClaim) -> str:
    subjects = [sorted(keys) for keys in pred.subjects]
    objects = [sorted(keys) for keys in pred.objects]
    return f"subj={subjects} obj={objects} neg={pred.negated} q={pred.quote[:60]}"


def _score(
    golds: dict[str, list[GoldClaim]], predicted: dict[str, list[_PredictedClaim]], accept: _Accept
) -> tuple[Score, dict[str, Score], list[Detail]]:
    """Total score, score by relation and scored items; required golds are matched first, then optional."""
    total: Counter[str] = Counter()
    by_relation: dict[str, Counter[str]] = defaultdict(Counter)
    details: list[Detail] = []
    for article, gold_claims in golds.items():
        preds = predicted.get(article, [])
        required = [g for g in gold_claims if not g.optional]
        optional = [g for g in gold_claims if g.optional]
        required_match = _max_matching([_candidates(g, preds, accept, set()) for g in required])
        taken = set(required_match.values())
        optional_match = _max_matching([_candidates(g, preds, accept, taken) for g in optional])
        for index, gold in enumerate(required):
            if index in required_match:
                pred = preds[required_match[index]]
                outcome = Counter(tp=1, modality_correct=int(pred.modality == gold.modality),
                                  speaker_named=int(bool(gold.speakers)),
                                  speaker_correct=int(bool(gold.speakers & pred.speakers)))
                details.append(Detail("HIT", article, gold.id, pred.node, pred.node))
            else:
                outcome = Counter(fn=1)
                details.append(Detail("MISS", article, gold.id, gold.note))
            total.update(outcome)
            by_relation[gold.relations[0]].update(outcome)
        for index, pred_index in optional_match.items():
            details.append(Detail("opt", article, optional[index].id, preds[pred_index].node, preds[pred_index].node))
        used = taken | set(optional_match.values())
        for pred in (p for i, p in enumerate(preds) if i not in used):
            kind = "dup" if any(accept(g, pred) for g in gold_claims) else "FP"
            total[kind.lower()] += 1
            by_relation[pred.relation][kind.lower()] += 1
            details.append(Detail(kind, article, pred.relation, _describe(pred), pred.node))
    per_relation = {relation: Score.from_counts(counts) for relation, counts in sorted(by_relation.items())}
    return Score.from_counts(total), per_relation, details


def format_report(ev: Evaluation, verbose: bool = False) -> str:
    """A plain-text report whose last line is 'strict F1 = x.xxx'."""
    strict, relaxed = ev.strict, ev.relaxed
    lines = [f"contract: {count} {problem}" for problem, count in sorted(ev.contract.items())]
    lines += [
        f"articles={ev.articles} predicted={ev.predicted} "
        f"tp={strict.tp} fp={strict.fp} fn={strict.fn} dup={strict.dup}",
        f"strict   P={strict.precision:.3f} R={strict.recall:.3f} F1={strict.f1:.3f}",
        f"relaxed  P={relaxed.precision:.3f} R={relaxed.recall:.3f} F1={relaxed.f1:.3f}",
        f"modality accuracy = {strict.modality_accuracy:.3f} over {strict.tp} strict matches",
    ]
    if ev.speakers is not None:
        lines.append(f"speaker accuracy = {ev.speakers.speaker_accuracy:.3f} over {ev.speakers.speaker_claims} "
                     "required claims with a named speaker, matched without the speaker test")
    if len(ev.groups) > 1:
        lines += ["", f"{'articles of':<28} {'n':>3} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6} {'rF1':>6}"]
        for name, (n, s, r) in ev.groups.items():
            lines.append(f"{name[:28]:<28} {n:>3} {s.tp:>4} {s.fp:>4} {s.fn:>4} "
                         f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {r.f1:>6.3f}")
    lines += [
        "",
        f"{'relation':<20} {'tp':>4} {'fp':>4} {'fn':>4} {'dup':>4} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for relation, s in ev.per_relation.items():
        lines.append(
            f"{relation:<20} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.dup:>4} "
            f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    if verbose:
        for kind, title in (("MISS", "misses"), ("FP", "false positives")):
            lines += ["", f"{title}:"]
            lines += [f"  {d.article}\t{d.claim}\t{d.info}" for d in ev.details if d.kind == kind]
    lines.append(f"strict F1 = {strict.f1:.3f}")
    return "\n".join(lines)
