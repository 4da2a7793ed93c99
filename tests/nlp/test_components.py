"""The spaCy components: registered factories, the pipeline make_nlp builds, Persian sentence splitting."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import kg.nlp  # noqa: F401  (registers the factories and the tokenizer)
from kg.errors import UsageError
from kg.nlp import make_nlp
from kg.read.normalise import normalise

TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "kg.fa_tokenizer.v1"}}}


@pytest.fixture(scope="module")
def nlp():
    return make_nlp("fa")


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(normalise(text)[0]).sents]


# ----------------------------------------------------------------------------- factories and pipeline


def test_make_nlp_has_the_expected_pipes(nlp):
    assert nlp.pipe_names == ["kg_sentencizer", "tok2vec", "morphologizer", "parser", "trainable_lemmatizer",
                              "kg_actors", "kg_claims"]
    assert nlp.lang == "fa"


def test_without_the_parse_the_pipeline_is_kgs_own_components():
    assert make_nlp("fa", parse=False).pipe_names == ["kg_sentencizer", "kg_actors", "kg_claims"]


@pytest.mark.parametrize("name", ["kg_sentencizer", "kg_actors", "kg_claims"])
def test_factories_are_registered(name):
    assert name in Language.factories or Language.has_factory(name)


def test_the_sentencizer_goes_into_a_blank_pipeline():
    blank = spacy.blank("fa")
    blank.add_pipe("kg_sentencizer")
    doc = blank("ایران از عراق حمایت می‌کند. روسیه با سوریه همکاری می‌کند.")
    assert len(list(doc.sents)) == 2


def test_the_pipeline_is_saved_and_loaded_back(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == nlp.pipe_names
    doc = again(normalise("سرگئی لاوروف گفت: ما از عراق حمایت می‌کنیم.")[0])
    assert [c["relation"] for c in doc._.claims] == ["supports"]


def test_the_pipeline_fills_the_doc_extensions(nlp):
    doc = nlp(normalise("سرگئی لاوروف، وزیر خارجه روسیه، گفت: ما از عراق حمایت می‌کنیم.")[0])
    assert isinstance(doc._.claims, list) and doc._.claims
    assert isinstance(doc._.titles, list) and doc._.titles
    assert isinstance(doc._.new_entities, dict)
    assert {s.kb_id_ for s in doc.spans["actors"]} >= {"LAVROV", "IQ"}
    assert [s.label_ for s in doc.spans["titles"]] == ["foreign minister"]


def test_no_extractor_for_other_languages():
    with pytest.raises(UsageError):
        make_nlp("en")


def test_an_empty_text_gives_an_empty_doc(nlp):
    doc = nlp("")
    assert len(doc) == 0
    assert doc._.claims == []


# ----------------------------------------------------------------------------- sentence splitting


def test_every_token_has_a_sentence_start_annotation(nlp):
    doc = nlp(normalise("ایران از عراق حمایت می‌کند. روسیه با سوریه همکاری می‌کند.")[0])
    assert doc.has_annotation("SENT_START")
    assert all(t.is_sent_start is not None for t in doc)


def test_paragraphs_are_sentences_even_without_a_period(nlp):
    text = "سفر لاوروف به بغداد\n\nوزیر خارجه روسیه امروز وارد بغداد شد."
    assert sentences(nlp, text) == ["سفر لاوروف به بغداد", "وزیر خارجه روسیه امروز وارد بغداد شد."]


def test_a_line_break_ends_a_sentence(nlp):
    text = "دیدار وزیران خارجه ایران و عراق\nوزیران خارجه دو کشور امروز در تهران دیدار کردند."
    assert sentences(nlp, text) == ["دیدار وزیران خارجه ایران و عراق",
                                    "وزیران خارجه دو کشور امروز در تهران دیدار کردند."]


def test_question_exclamation_and_full_stop_end_sentences(nlp):
    text = "آیا ایران با آمریکا مذاکره می‌کند؟ پاسخ منفی است! این موضع تغییر نکرده است."
    assert sentences(nlp, text) == ["آیا ایران با آمریکا مذاکره می‌کند؟", "پاسخ منفی است!",
                                    "این موضع تغییر نکرده است."]


def test_a_closing_guillemet_stays_with_its_sentence(nlp):
    text = "وی گفت: «ما آماده همکاری هستیم.» سپس نشست خبری پایان یافت."
    assert sentences(nlp, text) == ["وی گفت:", "«ما آماده همکاری هستیم.»", "سپس نشست خبری پایان یافت."]


def test_a_decimal_point_is_no_sentence_end(nlp):
    assert len(sentences(nlp, "حجم مبادلات دو کشور به 3.5 میلیارد دلار رسید.")) == 1


@pytest.mark.parametrize(
    "frame",
    ["سرگئی لاوروف گفت:", "وی افزود:", "عباس عراقچی تأکید کرد:", "وزیر خارجه عراق اظهار داشت:",
     "سخنگوی وزارت خارجه چین خاطرنشان کرد:", "فؤاد حسین تصریح کرد:", "هاکان فیدان در ادامه گفت:"],
)
def test_the_colon_after_a_speech_verb_opens_a_new_sentence(nlp, frame):
    text = frame + " ما از آتش‌بس در غزه حمایت می‌کنیم."
    assert sentences(nlp, text) == [frame, "ما از آتش‌بس در غزه حمایت می‌کنیم."]


@pytest.mark.parametrize(
    "text",
    [
        "دستور کار نشست: امنیت مرزها و مبارزه با تروریسم.",
        "موضوع اصلی دیدار دو وزیر: همکاری‌های اقتصادی ایران و عراق.",
        "نشست خبری ساعت 12:30 آغاز شد.",
        "موضع روسیه روشن است: مسکو از حاکمیت سوریه حمایت می‌کند.",
    ],
)
def test_a_colon_elsewhere_does_not_end_the_sentence(nlp, text):
    assert len(sentences(nlp, text)) == 1


def test_the_speech_colon_rule_can_be_switched_off():
    plain = spacy.blank("fa", config=TOKENIZER)
    plain.add_pipe("kg_sentencizer", config={"colon_after_speech": False})
    doc = plain(normalise("سرگئی لاوروف گفت: ما از عراق حمایت می‌کنیم.")[0])
    assert len(list(doc.sents)) == 1
