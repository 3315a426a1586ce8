"""PORTAL_DEFAULT_LOCALE reaches the browser: the app compiles it into the head script, which
applies it for visitors who never chose a language (run in Node, as a browser would)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from portal.ui.i18n import head_script

# A tiny browser: localStorage, <html> and timers, then what the script left behind.
NODE_PAGE = """
const stored = process.argv[1] === "" ? null : process.argv[1];
const attrs = {};
global.localStorage = {getItem: () => stored};
global.document = {documentElement: {setAttribute: (k, v) => { attrs[k] = v; },
                                     removeAttribute: (k) => { delete attrs[k]; }}};
global.window = global;
global.setTimeout = () => 0;
eval(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify({default: window.portalDefaultLocale,
                            lang: document.documentElement.lang || "en",
                            hidden: "data-locale-pending" in attrs}));
"""


def run_in_browser(script: str, stored: str = "") -> dict:
    result = subprocess.run(["node", "-e", NODE_PAGE, stored], input=script,
                            capture_output=True, text=True, timeout=30, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize(("default", "stored", "shown"), [
    ("zh-Hans", "", "zh-Hans"),     # a first visit gets the server's language
    ("zh-Hans", "en", "en"),        # a visitor's own choice wins
    ("en", "", "en"),
    ("en", "zh-Hans", "zh-Hans"),
])
def test_the_head_script_applies_the_default_until_the_visitor_chooses(default, stored, shown):
    page = run_in_browser(head_script(default), stored)
    assert page["default"] == default and page["lang"] == shown
    assert page["hidden"] is (shown != "en")  # the English prerender waits for the language


def test_an_unknown_default_cannot_inject_script():
    assert run_in_browser(head_script('en";alert(1);"'))["default"] == "en"


def test_the_app_compiles_the_configured_default_into_its_head(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.update(PORTAL_DEFAULT_LOCALE="zh-Hans", REFLEX_TELEMETRY_ENABLED="false",
               PORTAL_DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}")
    probe = ("import json, portal.portal as p; "
             "print(json.loads(str(p.app.head_components[0].children[0])))")
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, timeout=120, cwd=tmp_path, check=True)
    assert run_in_browser(result.stdout)["lang"] == "zh-Hans"
