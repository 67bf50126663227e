import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.decode import decode_bytes, repair_text
from pipeline.record import Rejected

ARTICLE = "Der Bürgermeister äußerte sich über die Straßenbahn und die Größe des neuen Bahnhofs."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "iso-8859-15"])
def test_legacy_and_utf8_encodings_decode_to_the_same_text(encoding):
    text, _ = decode_bytes(ARTICLE.encode(encoding))
    assert text == ARTICLE


def test_cyrillic_legacy_encoding_is_detected_not_guessed():
    original = "Министр иностранных дел заявил, что ситуация на границе быстро ухудшается."
    text, encoding = decode_bytes(original.encode("cp1251"))
    assert text == original
    assert encoding == "cp1251"


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                          (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_byte_order_marks_decide_the_encoding(bom, encoding):
    text, _ = decode_bytes(bom + ARTICLE.encode(encoding))
    assert text == ARTICLE


@pytest.mark.parametrize("data,why", [(b"", "empty"), (b"   \n\t", "empty"),
                                      (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
                                      (b"PK\x03\x04" + bytes(200), "ZIP"), (b"%PDF-1.7\n%\xe2\xe3", "PDF")])
def test_non_text_is_rejected_with_a_reason(data, why):
    with pytest.raises(Rejected, match=why):
        decode_bytes(data)


def test_mojibake_entities_controls_and_spaces_are_repaired_and_named():
    text, repairs = repair_text("Russiaâ€™s base\u00a0is ready &amp; waiting\x07.\u200b")
    assert text == "Russia’s base is ready & waiting."
    assert any("ftfy" in r for r in repairs) and any("spaces" in r for r in repairs)


def test_clean_text_is_left_alone():
    text = "A plain paragraph, with “curly quotes” and an em dash — kept as written."
    assert repair_text(text) == (text, [])


def test_nfc_normalisation():
    assert repair_text("cafe\u0301")[0] == "caf\u00e9"


def test_an_entity_for_a_no_break_space_ends_as_a_plain_space():
    # ftfy turns "&nbsp;" into U+00A0 after the scan for odd spaces has run
    assert repair_text("a&nbsp;b") == ("a b", ["mojibake/entities/control characters (ftfy)",
                                             "no-break and zero-width spaces"])


def test_a_no_break_space_read_as_windows_1252_and_flattened_by_the_scraper_is_repaired():
    # U+00A0 in UTF-8 read as Windows-1252 is "Â\xa0"; scrapers that flatten
    # no-break spaces leave "Â " (wcxb-dev has it on six text pages)
    text, repairs = repair_text("It costs $32.21 for cats.\u00c2 \n\nWith Embrace\u00c2 you pay less.\u00c2 \u00c2 ")
    assert "\u00c2" not in text
    assert text.split() == ["It", "costs", "$32.21", "for", "cats.", "With", "Embrace", "you", "pay", "less."]
    assert any("ftfy" in r for r in repairs)


def test_a_real_circumflex_a_is_kept():
    text = "ÂME, Âge and Âmbito start with a circumflex A."
    assert repair_text(text) == (text, [])


def test_a_text_that_is_not_nfc_is_normalised():
    # a combining acute after "e", a Hangul syllable in jamo, an Ohm sign, marks out of order
    for text in ("Cafe\u0301 au lait", "\u1100\u1161\u11a8 kimchi", "10 \u2126 resistor", "a\u0301\u0316"):
        fixed, repairs = repair_text(text)
        assert fixed == unicodedata.normalize("NFC", text) and "Unicode NFC normalisation" in repairs


def test_every_character_that_can_make_a_text_not_nfc_is_flagged():
    """A text whose characters carry no NFC flag is skipped by the NFC check."""
    from pipeline.decode import _CLASS_TABLE, _NFC_BIT
    flagged = (_CLASS_TABLE & _NFC_BIT) != 0
    for code in range(0x10000):
        ch = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        nfd = unicodedata.normalize("NFD", ch)
        if unicodedata.combining(ch) or unicodedata.normalize("NFC", ch) != ch:
            assert flagged[code], hex(code)
        # each character that composes with what comes before it
        for k in range(1, len(nfd)):
            if unicodedata.normalize("NFC", nfd[:k + 1]) != nfd[:k + 1]:
                assert flagged[ord(nfd[k])], (hex(code), hex(ord(nfd[k])))


@given(st.text(alphabet=st.sampled_from("ae\u1100\uac00\u0b47\u0391\u03b1\u00e9\u4e2d \u0627\u05d0")
               | st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=12))
@settings(max_examples=500, deadline=None)
def test_a_text_without_flagged_characters_is_nfc(text):
    from pipeline.decode import _NFC_BIT, _scan
    if not _scan(text)[1] & _NFC_BIT:
        assert unicodedata.is_normalized("NFC", text)
