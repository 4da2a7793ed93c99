"""A graph of hand-made articles and claims that the query tests share."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.model import Article, Claim, Entity
from kg.rdf.build import add_article, add_claim, new_graph
from kg.rdf.sparql import QueryResult

RUS = Entity("RUS", "state", (("en", "Russia"), ("en", "Russian Federation"), ("fa", "روسیه")), "Q159")
IRQ = Entity("IRQ", "state", (("en", "Iraq"), ("fa", "عراق")), "Q796")
SYR = Entity("SYR", "state", (("en", "Syria"), ("fa", "سوریه")), "Q858")
IRN = Entity("IRN", "state", (("en", "Iran"), ("fa", "ایران")), "Q794")
ARAB_LEAGUE = Entity("ARAB_LEAGUE", "organization", (("en", "Arab League"), ("fa", "اتحادیه عرب")))
KURDS = Entity("KURDS", "group", (("en", "Kurdish militias"),))
NAMELESS = Entity("NAMELESS", "group", ())
LAVROV = Entity("LAVROV", "person", (("en", "Sergey Lavrov"), ("fa", "سرگئی لاوروف")), "Q83385", RUS)
RETURN = Entity(
    "SYR_RETURN_AL", "topic",
    (("en", "return of Syria to the Arab League"), ("fa", "بازگشت سوریه به اتحادیه عرب")),
    involves=(SYR, ARAB_LEAGUE),
)
HAMSHAHRI = Entity("HAMSHAHRI", "agency", (("en", "Hamshahri Online"), ("fa", "همشهری آنلاین")))
ISNA = Entity("ISNA", "agency", (("en", "ISNA"), ("fa", "ایسنا")))
SPUTNIK = Entity("SPUTNIK", "agency", (("en", "Sputnik"), ("fa", "اسپوتنیک")))
TASNIM = Entity("TASNIM", "agency", (("en", "Tasnim"), ("fa", "تسنیم")))
FARS = Entity("FARS", "agency", (("en", "Fars"), ("fa", "فارس")))

QUOTE = "ما به حاکمیت عراق احترام میگذاریم"
ARTICLES = (
    Article("ham-1", "corpus/ham-1.txt", "x", "x", (0,), outlet=HAMSHAHRI, agencies=(ISNA, SPUTNIK)),
    Article("fars-2", "corpus/fars-2.txt", "x", "x", (0,), outlet=FARS),
)
CLAIMS = (
    Claim("ham-1", "respects", (RUS,), (IRQ,), (LAVROV,), quote=QUOTE, start=10, end=43),
    Claim("ham-1", "supports", (IRQ,), (RETURN,), quote="عراق از بازگشت سوریه حمایت میکند", start=50),
    Claim("ham-1", "joins", (RUS,), (IRN,), (LAVROV,), negated=True, modality="future", start=100),
    Claim("ham-1", "meets", (RUS, SYR), (RUS, SYR), start=130),
    Claim("fars-2", "criticizes", (SYR,), (IRN,), start=5),
    Claim("fars-2", "fights", (SYR,), (KURDS, NAMELESS), start=40),
)


def build(articles=ARTICLES, claims=CLAIMS) -> Graph:
    """A graph of hand-made articles and claims."""
    g = new_graph()
    for article in articles:
        add_article(g, article)
    for claim in claims:
        add_claim(g, claim)
    return g


def records(result: QueryResult) -> list[dict[str, object]]:
    """Rows as dicts of plain Python values (IRIs stay URIRefs)."""
    return [
        {var: value.toPython() if isinstance(value, Literal) else value
         for var, value in zip(result.variables, row)}
        for row in result.rows
    ]


def by_claim(result: QueryResult) -> dict[URIRef, dict[str, object]]:
    return {r["claim"]: r for r in records(result)}


def reports_graph() -> Graph:
    """Four invented articles of three outlets: three report Iraq's support for Syria (two through ISNA), a later
    one its opposition; Russia and Syria meet, told either way round; Russia will not join Iran, then joins."""
    mehr = Entity("MEHR", "agency", (("en", "Mehr"),))
    articles = (
        Article("a-1", "a-1.txt", "x", "x", (0,), outlet=HAMSHAHRI, agencies=(ISNA,), date="2020-01-01"),
        Article("a-2", "a-2.txt", "x", "x", (0,), outlet=TASNIM, agencies=(ISNA,), date="2020-01-02"),
        Article("a-3", "a-3.txt", "x", "x", (0,), outlet=mehr, date="2020-01-05"),
        Article("a-4", "a-4.txt", "x", "x", (0,), outlet=mehr, date="2020-03-01"),
    )
    quote = "عراق از بازگشت سوریه به اتحادیه عرب حمایت می‌کند"
    claims = [Claim(a, "supports", (IRQ,), (SYR,), quote=quote, start=i) for i, a in enumerate(("a-1", "a-2", "a-3"))]
    claims += [Claim("a-1", "meets", (RUS,), (SYR,), start=90), Claim("a-2", "meets", (SYR,), (RUS,), start=90),
               Claim("a-4", "opposes", (IRQ,), (SYR,), start=5),
               Claim("a-1", "joins", (RUS,), (IRN,), negated=True, start=200),
               Claim("a-4", "joins", (RUS,), (IRN,), start=200)]
    return build(articles, claims)
