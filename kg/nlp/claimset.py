"""Passes over the claims of a sentence or document: embedded acts, reasons, listed parties, speakers."""
from __future__ import annotations

PRAISE_OR_BLAME = {"praises", "criticizes", "condemns", "accuses", "welcomes"}


def drop_embedded(claims: list[dict]) -> list[dict]:
    """A nominal act inside another claim's object is part of that claim ("welcomes any fight against
    terrorism" is no `fights`), unless a reason phrase makes it an act of its own."""
    def embedded(c: dict) -> bool:
        return any(o is not c and o["object_span"] and o["object_span"][0] <= c["cue_at"] < o["object_span"][1]
                   for o in claims)
    return [c for c in claims if not c["nominal"] or c["reason"] or c["time"]
            or not (c["purpose"] or embedded(c))]


def agents_from_reasons(claims: list[dict]) -> list[dict]:
    """"We thank X for supporting Y": the act in the reason phrase is X's, not the speaker's."""
    for claim in claims:
        if not claim["reason"]:
            continue
        for frame in claims:
            targets = frame["objects"] or (frame["topic"] or {}).get("involves", [])
            if frame is not claim and frame["relation"] in PRAISE_OR_BLAME and targets \
                    and frame["tokens"][0] <= claim["tokens"][0] < frame["tokens"][1]:
                claim["subjects"] = list(targets)
                break
        claim["objects"] = [o for o in claim["objects"] if o not in claim["subjects"]]
        if not claim["objects"] and not claim["topic"]:
            claim["subjects"] = []
    return claims


def split_parties(claims: list[dict]) -> list[dict]:
    """Listed parties give one claim each ("will meet A, B and C"); a joint act between the same
    parties (subjects equal to objects) stays one claim."""
    out = []
    for claim in claims:
        joint = set(claim["objects"]) == set(claim["subjects"])
        if joint:
            out.append(claim)
            continue
        objects = [[o] for o in claim["objects"]] or [[]]
        for subject in claim["subjects"]:
            for obj in objects:
                out.append({**claim, "subjects": [subject], "objects": obj})
    return out


def lend_speakers(claims: list[dict]) -> list[dict]:
    """A claim in the article's voice that restates a quoted one (headline, lead) takes its speaker."""
    voiced = [c for c in claims if c["speakers"]]
    for claim in claims:
        if claim["speakers"]:
            continue
        for other in voiced:
            if other["relation"] == claim["relation"] and _targets(claim) & _targets(other):
                claim["speakers"] = list(other["speakers"])
                break
    return claims


def _targets(claim: dict) -> set[str]:
    return set(claim["objects"]) | set((claim["topic"] or {}).get("involves", []))
