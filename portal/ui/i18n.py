"""`t("Sign in")`: a message in every language, picked in the browser by the visitor's locale.

Pages compile to React once, so a Python string would be frozen in one language. `t` looks the
message up in the Babel catalogues at compile time and returns a Var indexing a small
{en, zh-Hans} object with the locale from assets/locale.js (a store over localStorage).
"""

from __future__ import annotations

import json

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex.vars.function import FunctionStringVar

from portal.i18n import normalize_locale, translations

LOCALE_MODULE = "$/public/locale.js"
LOCALE_HOOK = "const portalLocale = useLocale();"

_locale_data = VarData(
    imports={LOCALE_MODULE: [rx.ImportVar(tag="useLocale")]},
    hooks={LOCALE_HOOK: None},
)

# The visitor's locale tag ("en" or "zh-Hans") as a Var usable anywhere in a page.
locale_var: Var = Var(_js_expr="portalLocale", _var_type=str, _var_data=_locale_data)


def t(message: str, **params: str | Var) -> Var:
    """The message in the visitor's language. `{name}` placeholders take `params`."""
    table = translations(message)
    expr = f"({json.dumps(table, ensure_ascii=False)}[portalLocale] ?? {json.dumps(message)})"
    data = [_locale_data]
    for name, value in params.items():
        value_var = Var.create(value)
        data.append(value_var._get_all_var_data())
        placeholder = json.dumps("{" + name + "}")
        expr = f"{expr}.replaceAll({placeholder}, String({value_var}))"
    return Var(_js_expr=expr, _var_type=str, _var_data=VarData.merge(*data))


# Client-side switch: `setLocale(tag)` from assets/locale.js; re-renders every t() at once.
set_locale_fn = FunctionStringVar.create(
    "setLocale",
    _var_data=VarData(imports={LOCALE_MODULE: [rx.ImportVar(tag="setLocale")]}),
)


# Runs in <head> before the body paints: publish the server's default language (PORTAL_DEFAULT_
# LOCALE, for visitors who never chose one; assets/locale.js reads it) and hide the English
# prerender while a non-English language is applied; never longer than 1.5 s, so a failed
# script cannot leave a blank page.
_HEAD_SCRIPT = """(function(){var f=__DEFAULT__;window.portalDefaultLocale=f;var l=f;
try{l=localStorage.getItem('portal.locale')||f;}catch(e){}
if(l!=='en'){var d=document.documentElement;d.setAttribute('data-locale-pending','');
d.lang=l;setTimeout(function(){d.removeAttribute('data-locale-pending')},1500);}})();"""


def head_script(default_locale: str) -> str:
    """The head script with the server's default language compiled in."""
    return _HEAD_SCRIPT.replace("__DEFAULT__", json.dumps(normalize_locale(default_locale)))

HEAD_STYLE = "html[data-locale-pending] body{visibility:hidden}"

