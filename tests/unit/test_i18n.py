"""Both languages are complete: every message in the code has a Chinese translation."""

from portal.domain.errors import Invalid
from portal.i18n import gettext, normalize_locale, translations
from portal.i18n_catalog import extract_messages


def test_every_message_in_the_code_is_translated():
    messages = extract_messages()
    assert len(messages) > 50
    untranslated = {m: where for m, where in messages.items() if gettext(m, "zh-Hans") == m}
    assert untranslated == {}, "run `make messages` and translate the new entries"


def test_placeholders_survive_translation():
    for message in extract_messages():
        for placeholder in ("{page}", "{pages}", "{n}", "{key}", "{range}", "{total}"):
            if placeholder in message:
                assert placeholder in gettext(message, "zh-Hans"), message


def test_lookup_and_fallbacks():
    assert translations("Sign in") == {"en": "Sign in", "zh-Hans": "登录"}
    assert gettext("A message nobody wrote", "zh-Hans") == "A message nobody wrote"
    assert normalize_locale("ZH-hans") == "zh-Hans"
    assert normalize_locale("<script>") == "en" and normalize_locale(None) == "en"


def test_domain_errors_are_shown_in_the_readers_language():
    error = Invalid("Use at least {n} characters.", field="password", n=8)
    assert error.message == "Use at least 8 characters."
    assert error.localized("zh-Hans") == "至少使用 8 个字符。"
