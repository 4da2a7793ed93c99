"""Reading articles: outlet, cited agencies, news id, furniture, JSONL, bad files, dates (HTML: test_html.py; dates: test_dates.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Article
from kg.read.normalise import normalise
from kg.read.sources import iter_articles, read_article, read_jsonl

from articles import assert_maps_back, keys

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ZWNJ = "\u200c"

TITLE = "دیدار وزیران خارجه ایران و عمان در تهران"
LEDE = "خبرگزاری فارس: وزیر خارجه عمان امروز با همتای ایرانی خود در تهران دیدار و گفتوگو کرد."
BODY = ("به گزارش ایسنا، به نقل از خبرگزاری اسپوتنیک، دو وزیر در این دیدار بر گسترش همکاریهای "
        "اقتصادی و امنیتی میان دو کشور تأکید کردند و از ادامه رایزنیها خبر دادند.")
MORE = "وزیر خارجه عمان گفت: ما از هر ابتکاری برای ثبات منطقه حمایت میکنیم و این سفر را مفید میدانیم."
FURNITURE = ["کد خبر: 123456", "برچسبها", "عمان، ایران، دیدار", "دیدگاه خوانندگان", "نظر شما",
             "شما در حال پاسخ به نظر «» هستید.", "captcha"]
ARTICLE = "\n\n".join([TITLE, LEDE, BODY, MORE, *FURNITURE]) + "\n"


@pytest.fixture
def article(tmp_path) -> Article:
    path = tmp_path / "sample.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return read_article(path)


def test_plain_text_article_has_id_source_title_outlet_and_agency_chain(article, tmp_path):
    assert article.id == "sample"
    assert article.source == str(tmp_path / "sample.txt")
    assert article.title == TITLE
    assert article.outlet.key == "FARS"
    assert article.outlet.kind == "agency"
    assert ("fa", "خبرگزاری فارس") in article.outlet.labels
    assert keys(article.agencies) == ["ISNA", "SPUTNIK"]
    assert article.news_id == "123456"


def test_furniture_is_cut_from_text_but_raw_is_kept_and_offsets_point_into_it(article):
    assert article.raw == ARTICLE
    for gone in ("captcha", "برچسب", "کد خبر", "نظر شما", "دیدگاه"):
        assert gone not in article.text
    assert article.text.endswith(normalise(MORE)[0])
    assert article.text.count("\n\n") == 3
    assert_maps_back(article)
    i = article.text.index("می" + ZWNJ + "کنیم")
    start, end = article.raw_span(i, i + len("می" + ZWNJ + "کنیم"))
    assert article.raw[start:end] == "میکنیم"


def test_lede_on_the_first_line_gives_the_outlet_and_no_title(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("همشهری آنلاین: دو وزیر دیدار کردند.\n\nبه گزارش ایرنا، دیدار در مسکو بود.\n", encoding="utf-8")
    article = read_article(path)
    assert article.outlet.key == "HAMSHAHRI_ONLINE"
    assert keys(article.agencies) == ["IRNA"]
    assert article.title is None


@pytest.mark.parametrize(("lead", "want"), [
    ("به گزارش خبرگزاری فرانسه از بیروت، رهبر این گروه گفت.", ["AFP"]),
    ("بنا بر گزارش خبرگزاری «اینترفکس»، وزیر گفت.", ["INTERFAX"]),
    (f"به گزارش گروه بین{ZWNJ}الملل خبرگزاری فارس، وزیر گفت.", []),
    ("به نوشته روزنامه گاردین، نخست وزیر گفت.", ["GUARDIAN"]),
    ("به گزارش فارس به نقل از خبرگزاری آسوشیتدپرس، وزیر گفت.", ["AP"]),
    ("به گزارش رویترز و به نقل از شبکه الجزیره، وزیر گفت.", ["REUTERS", "AL_JAZEERA"]),
    ("به گزارش خبرنگار ما، وزیر گفت.", []),
])
def test_cited_agency_chain(tmp_path, lead, want):
    path = tmp_path / "fars-1.txt"
    path.write_text(f"عنوان خبر\n\n{lead}\n", encoding="utf-8")
    article = read_article(path)
    assert article.outlet.key == "FARS"
    assert keys(article.agencies) == want


def test_an_agency_not_in_the_table_becomes_an_entity_of_its_own(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("به نقل از خبرگزاری نمونه، وزیر گفت.\n", encoding="utf-8")
    (agency,) = read_article(path).agencies
    assert agency.key == "agency:خبرگزاری نمونه"
    assert agency.kind == "agency"
    assert ("fa", "خبرگزاری نمونه") in agency.labels
    english = [text for lang, text in agency.labels if lang == "en"]
    assert english and english[0].isascii(), "an unknown agency still needs an English label"


def test_jsonl_bad_lines_are_reported_and_the_others_read(tmp_path):
    path = tmp_path / "corpus.jsonl"
    good = {"id": "fars-13991008000086", "url": "https://www.farsnews.ir/news/13991008000086",
            "title": "عنوان اول", "text": "عنوان اول\n\nبه گزارش خبرگزاری فارس، وزیر گفت."}
    dated = {"id": "x-2", "title": "عنوان", "text": "متن خبر دوم", "date": "2021-05-06"}
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "x-1", "title": "بی متن"}),
             "", json.dumps(dated, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    first, bad, no_text, second = items
    assert first.id == "fars-13991008000086" and first.outlet.key == "FARS" and first.agencies == ()
    assert first.date == "2020-12-28" and first.news_id == "13991008000086" and first.title == "عنوان اول"
    assert first.source == good["url"]
    assert second.date == "2021-05-06" and second.outlet is None
    assert str(path) in str(bad) and "line 2" in str(bad) and "JSON" in str(bad)
    assert "line 3" in str(no_text) and "no text" in str(no_text)
    assert "\n" not in str(bad)
    with pytest.raises(InputError, match="line 2"):
        list(read_jsonl(path))


def test_a_folder_is_walked_in_order_and_bad_files_are_named_while_others_are_read(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("متن خبر دوم درباره دیدار.\n", encoding="utf-8")
    (tmp_path / "sub" / "c.md").write_text("متن خبر سوم.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 \xff".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "a.gold.jsonl").write_text('{"id": "a#1"}\n', encoding="utf-8")
    (tmp_path / "README.md").write_text("about this folder\n", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = {Path(e.path).name: e.problem for e in items if isinstance(e, InputError)}
    assert [a.id for a in articles] == ["a", "b", "c"]
    assert set(errors) == {"latin1.txt", "binary.txt", "empty.txt"}
    assert "UTF-8" in errors["latin1.txt"] and "binary" in errors["binary.txt"] and "empty" in errors["empty.txt"]
    assert all(str(tmp_path) in str(e) and "\n" not in str(e) for e in items if isinstance(e, InputError))


def test_a_missing_path_is_an_error_not_an_exception(tmp_path):
    (error,) = iter_articles([tmp_path / "nowhere.txt"])
    assert isinstance(error, InputError) and "nowhere.txt" in str(error)


@pytest.mark.parametrize(("name", "iso"), [("fars-8307140026", "2004-10-05"), ("fars-13900818001376", "2011-11-09"),
                                           ("fars-13991308000001", None), ("hamshahri-430267", None)])
def test_fars_ids_encode_a_jalali_date(tmp_path, name, iso):
    path = tmp_path / f"{name}.txt"
    path.write_text("عنوان\n\nمتن خبر.\n", encoding="utf-8")
    article = read_article(path)
    assert article.date == iso
    assert article.news_id == name.split("-")[1]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared corpus not present")
def test_seed_article():
    article = read_article(SHARED / "corpus" / "seed" / "hamshahri-430267.txt")
    assert article.outlet.key == "HAMSHAHRI_ONLINE"
    assert keys(article.agencies) == ["ISNA", "SPUTNIK"]
    assert article.news_id == "430267"
    assert "captcha" not in article.text and "captcha" in article.raw
    assert_maps_back(article)


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared corpus not present")
def test_bulk_corpus_reads_without_an_exception():
    items = list(iter_articles([SHARED / "corpus" / "bulk" / "fars-news.jsonl"]))
    assert items and all(isinstance(a, Article) and len(a.offsets) == len(a.text) for a in items)
    assert sum(a.outlet is not None and a.outlet.key == "FARS" for a in items) == len(items)


@pytest.mark.parametrize(("text", "outlet"), [
    ("عنوان خبر\n\nبرلین – ایرنا- وزیر خارجه آلمان امروز گفت که به تهران می‌رود.\n", "IRNA"),
    ("عنوان خبر\n\nایران پرس- وزیر خارجه آلمان امروز گفت که به تهران می‌رود.\n", "IRAN_PRESS"),
    ("عنوان خبر\n\nگزارش بخش فارسی صدای آمریکا - وزیر خارجه آلمان امروز گفت.\n", "VOA"),
    ("وزیر خارجه آلمان به تهران می‌رود | Euronews\n\nوزیر خارجه آلمان امروز گفت که به تهران می‌رود.\n", "EURONEWS"),
    ("عنوان خبر\n\nبه گزارش ایسنا، وزیر خارجه آلمان امروز گفت که به تهران می‌رود.\n", "ISNA"),
])
def test_the_outlet_from_a_dateline_a_site_name_or_its_own_citation(tmp_path, text, outlet):
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    assert article.outlet.key == outlet and article.agencies == ()


@pytest.mark.parametrize("lead", ["انتخاب رئیس‌جمهور - نتیجه امروز اعلام شد.", "تهران - وزیر امروز گفت."])
def test_a_dash_after_common_words_names_no_outlet(tmp_path, lead):
    path = tmp_path / "note.txt"
    path.write_text(f"عنوان خبر\n\n{lead}\n", encoding="utf-8")
    assert read_article(path).outlet is None


@pytest.mark.parametrize(("text", "lang"), [("روسیه از سوریه حمایت می‌کند. (Reuters)", "fa"),
                                            ("Russia backs Syria, said Lavrov (روسیه).", "en"),
                                            ("Россия поддерживает Сирию.", "und"), ("12345 !!", "und")])
def test_the_language_of_an_article_from_its_letters(text, lang):
    from kg.read.sources import language

    assert language(text) == lang


def test_a_folder_that_cannot_be_read_is_reported_not_passed_over(tmp_path, monkeypatch):
    import os

    from kg.read import sources

    (tmp_path / "good.txt").write_text("وزیر گفت: ما از عراق حمایت می‌کنیم.", encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):  # as os.walk does for a folder it may not list (we run as root)
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(sources.os, "walk", walk)
    items = list(iter_articles([tmp_path]))
    errors = [str(e) for e in items if isinstance(e, InputError)]
    assert errors == [f"{tmp_path / 'locked'}: cannot read the folder: Permission denied"]
    assert [a.id for a in items if not isinstance(a, InputError)] == ["good"]
