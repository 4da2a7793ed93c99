"""Statement dates from day words and the article's publication date."""
from kg.nlp.when import day_cue, day_cue_in, statement_date


def test_today_is_the_publication_day():
    assert statement_date("2019-01-16", day_cue(["امروز"])) == "2019-01-16"


def test_yesterday_is_the_day_before():
    assert statement_date("2019-01-16", day_cue(["دیروز"])) == "2019-01-15"


def test_a_weekday_is_the_latest_such_day_up_to_publication():
    # 2019-01-16 was a Wednesday; "Monday" is two days before, "Wednesday" the day itself.
    assert statement_date("2019-01-16", day_cue(["روز", "دوشنبه"])) == "2019-01-14"
    assert statement_date("2019-01-16", day_cue(["امروز", "چهارشنبه"])) == "2019-01-16"


def test_no_day_word_keeps_the_publication_day_and_no_date_stays_unknown():
    assert statement_date("2019-01-16", day_cue(["گفت"])) == "2019-01-16"
    assert statement_date(None, day_cue(["امروز"])) is None


def test_a_quoted_claim_is_dated_by_its_speech_frame():
    from kg.api import extract_article
    from kg.model import Article
    from kg.read.normalise import normalise

    text = "لاوروف دیروز گفت: ما از عراق حمایت می‌کنیم."
    norm, offsets = normalise(text)
    article = Article("t", "t.txt", text, norm, offsets, date="2019-01-16")
    (claim,) = [c for c in extract_article(article) if c.relation == "supports"]
    assert claim.date == "2019-01-15"


def test_day_cue_in_reads_only_its_sentences_words():
    words = ["او", "گفت", ".", "دیروز", "رفت", "."]
    assert day_cue_in(words, 0, 3) == (None, None)
    assert day_cue_in(words, 3, 6) == day_cue(["دیروز", "رفت", "."])
    assert day_cue_in(words, 3, 6)[0] == -1
