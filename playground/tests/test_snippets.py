"""Snippets: the exact request in each language, quoted so that any body survives the paste."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from playground.snippets import request_snippets, token_snippet

URL = "https://console.example.com/inventory/v1/fs/1/stock/update?shop_id=2"
BODY = '[{"sku":"it\'s \\"quoted\\" \\\\ `tick` $HOME","new_stock":1}]'


def _snippets(body: str | None = BODY) -> dict[str, str]:
    return {snippet.key: snippet.code for snippet in request_snippets("POST", URL, body)}


def test_curl_sends_the_body_byte_for_byte_and_the_token_from_the_environment() -> None:
    words = shlex.split(_snippets()["curl"].replace("\\\n", " "))
    assert words == [
        "curl",
        "-sS",
        "-X",
        "POST",
        URL,
        "-H",
        "Authorization: Bearer $TOKEN",  # expanded by the shell: the snippet double-quotes it
        "-H",
        "Content-Type: application/json",
        "--data-raw",
        BODY,
    ]
    assert '-H "Authorization: Bearer $TOKEN"' in _snippets()["curl"]
    assert "--data-raw" not in _snippets(None)["curl"]


def test_the_python_snippet_is_valid_python_with_the_same_body() -> None:
    code = _snippets()["python"]
    compile(code, "snippet.py", "exec")
    assert "json=json.loads(" in code and "os.environ['TOKEN']" in code
    namespace: dict[str, object] = {}
    exec(code.split("import requests")[0], namespace)  # noqa: S102 - the imports only
    body_literal = code.split("json=json.loads(")[1].split("),\n")[0]
    assert eval(body_literal) == BODY  # noqa: S307 - a literal the test just generated


def test_php_and_go_strings_are_escaped() -> None:
    php, go = _snippets()["php"], _snippets()["go"]
    assert 'CURLOPT_POSTFIELDS => \'[{"sku":"it\\\'s' in php
    assert php.startswith("<?php") and "getenv('TOKEN')" in php
    assert 'strings.NewReader("[{\\"sku\\":\\"it\'s' in go
    assert 'os.Getenv("TOKEN")' in go and '"strings"' in go
    assert '"strings"' not in _snippets(None)["go"] and 'http.NewRequest("POST", ' in go


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_the_node_snippet_parses(tmp_path: Path) -> None:
    script = tmp_path / "call.mjs"
    script.write_text(_snippets()["node"])
    subprocess.run(["node", "--check", str(script)], check=True, capture_output=True)


def test_the_token_snippet_sends_the_client_id_and_the_secret_from_the_environment() -> None:
    code = token_snippet("https://console.example.com", "abc'def")
    assert "-u 'abc'\"'\"'def:'\"$CLIENT_SECRET\"" in code
    assert "'https://console.example.com/token?grant_type=client_credentials'" in code
    assert "export TOKEN=$(" in code
