"""kg.read.agencies: agencies by any of their names, outlets from ids, URLs, datelines and site names, cited chains."""
from __future__ import annotations

from kg.read.agencies import cited_chain, dateline_outlet, lookup, named_outlet, site_outlet


def test_an_agency_is_found_by_its_names_with_or_without_its_kind():
    assert lookup("ایرنا").key == lookup("خبرگزاری جمهوری اسلامی").key == "IRNA"
    assert lookup("روزنامه گاردین").key == "GUARDIAN"
    assert lookup("انتخاب") is None  # a common word is no agency


def test_the_outlet_of_an_id_or_url():
    assert named_outlet("https://www.isna.ir/news/1400", "x").key == "ISNA"
    assert named_outlet(None, "fars-13900818001376").key == "FARS"
    assert named_outlet("http://example.org/a", "note") is None


def test_datelines_and_site_names():
    assert dateline_outlet(["برلین – ایرنا- وزیر گفت."]).key == "IRNA"
    assert dateline_outlet(["تهران - وزیر گفت."]) is None
    assert site_outlet("وزیر به تهران می‌رود | Euronews").key == "EURONEWS"


def test_a_cited_chain_in_order():
    assert [a.key for a in cited_chain("به گزارش ایسنا به نقل از خبرگزاری اسپوتنیک، وزیر گفت.")] == ["ISNA", "SPUTNIK"]
    assert cited_chain("وزیر گفت.") == []


def test_a_citation_names_a_known_outlet_without_its_kind():
    assert [e.key for e in cited_chain("به گزارش مشرق، قرار است گروسی به تهران بیاید.")] == ["MASHREGH"]
    assert [e.key for e in cited_chain("به گزارش تابناک، به نقل از خبرگزاری اسپوتنیک، ...")] == ["TABNAK", "SPUTNIK"]


def test_a_site_header_names_the_outlet_by_its_domain():
    from kg.read.agencies import header_outlet

    paragraphs = ["ظریف: ژاپن دارایی‌ها را آزاد کند پایگاه خبری تحلیلی انتخاب (Entekhab.ir) : وزیر خارجه گفت ..."]
    assert header_outlet(paragraphs).key == "ENTEKHAB"
    assert header_outlet(["قیمت نفت (دلار) : ۷۰"]) is None
