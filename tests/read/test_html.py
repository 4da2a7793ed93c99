"""kg.read.html: an HTML page's text by blocks, title, URL and dates, and the article read from it."""
from __future__ import annotations

import pytest

from kg.errors import UsageError
from kg.read.html import read_html
from kg.read.sources import read_article

from articles import assert_maps_back, keys

HTML = """<!DOCTYPE html><html><head><title>عنوان صفحه | سایت</title>
<meta property="og:title" content="دیدار دو وزیر">
<meta property="article:published_time" content="2019-01-16T10:20:00+03:30">
<style>p { color: red }</style><script>var captcha = 1;</script></head>
<body><nav>صفحه اصلی | اخبار</nav>
<article><h1>دیدار دو وزیر</h1>
<p>همشهری آنلاین: وزیران خارجه روسیه و عراق در مسکو دیدار کردند.</p>
<p>به گزارش ایسنا، لاوروف گفت: ما از حاکمیت عراق حمایت میکنیم و این را بارها گفته&zwnj;ایم.<br>
او افزود که گفتوگوها ادامه دارد.</p>
<p>کد خبر 987654</p><p>برچسب&zwnj;ها</p><p>روسیه</p></article>
<footer>همه حقوق محفوظ است</footer></body></html>
"""


def test_webpage_is_stripped_to_paragraphs_with_title_date_and_furniture_removed(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    assert article.id == "page"
    assert article.title == "دیدار دو وزیر"
    assert article.date == "2019-01-16"
    assert article.outlet.key == "HAMSHAHRI_ONLINE"
    assert keys(article.agencies) == ["ISNA"]
    assert article.news_id == "987654"
    assert "<" not in article.raw and "color" not in article.raw and "captcha" not in article.raw
    assert "صفحه اصلی" not in article.raw and "حقوق" not in article.raw
    assert article.raw.startswith("دیدار دو وزیر\n\nهمشهری آنلاین:")
    assert "\nاو افزود" in article.raw
    assert "برچسب" in article.raw and "برچسب" not in article.text
    assert article.text.count("\n\n") == 2
    assert_maps_back(article)


def test_date_argument_wins_and_a_bad_one_is_refused(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    assert read_article(path, date="2020-02-03").date == "2020-02-03"
    assert read_article(path, date="1399/10/08").date == "2020-12-28"
    with pytest.raises(UsageError):
        read_article(path, date="yesterday")


def test_the_page_text_title_url_and_dates_are_read():
    page = read_html(HTML.replace("<head>", '<head><meta property="og:url" content="https://example.ir/n/1">'))
    assert page.title == "دیدار دو وزیر"
    assert page.url == "https://example.ir/n/1"
    assert page.dates == ("2019-01-16T10:20:00+03:30",)
    first, second = page.text.split("\n\n")[:2]
    assert (first, second) == ("دیدار دو وزیر", "همشهری آنلاین: وزیران خارجه روسیه و عراق در مسکو دیدار کردند.")
    assert "\nاو افزود" in page.text and "<" not in page.text and "صفحه اصلی" not in page.text


def test_without_og_title_the_title_element_is_the_title_and_time_gives_a_date():
    page = read_html("<html><head><title> عنوان </title></head><body><p>متن</p>"
                     '<time datetime="2020-05-06">۱۷ اردیبهشت</time></body></html>')
    assert (page.title, page.url, page.dates) == ("عنوان", None, ("2020-05-06",))
    assert page.text == "متن\n\n۱۷ اردیبهشت"


@pytest.mark.parametrize(("markup", "text"), [
    ("<html><body><form id='aspnetForm'><div><p>متن خبر در فرم</p></div></form></body></html>", "متن خبر در فرم"),
    ("<html><head><title>عنوان و متن خبر بی پایان", "عنوان و متن خبر بی پایان"),
    ("<html><body><nav>منو</nav><p>متن خبر</p><nav>متن بعد از نوار باز", "متن خبر"),
    ("<html><head><title>عنوان</title></head><p>متن بدون body</p>", "متن بدون body"),
])
def test_broken_pages_still_yield_their_text(markup, text):
    assert text in read_html(markup).text
