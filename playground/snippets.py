"""The exact request as code to paste: curl, Python (requests), Node (fetch), Go (net/http), PHP (curl).

Each reads the access token from the TOKEN environment variable, so it runs
as it is once a token is exported (`token_snippet` shows how to get one).
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass

TOKEN_VAR = "TOKEN"  # noqa: S105 - the name of an environment variable


@dataclass(frozen=True)
class Snippet:
    key: str
    label: str
    code: str


def _php(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def curl(method: str, url: str, body: str | None) -> str:
    lines = [f"curl -sS -X {method} {shlex.quote(url)}", f'-H "Authorization: Bearer ${TOKEN_VAR}"']
    if body is not None:
        lines += ["-H 'Content-Type: application/json'", f"--data-raw {shlex.quote(body)}"]
    return " \\\n  ".join(lines)


def python(method: str, url: str, body: str | None) -> str:
    call = [f"    {json.dumps(method)},", f"    {json.dumps(url)},"]
    call.append(f"""    headers={{"Authorization": f"Bearer {{os.environ['{TOKEN_VAR}']}}"}},""")
    if body is not None:
        call.append(f"    json=json.loads({json.dumps(body)}),")
    call.append("    timeout=30,")
    imports = ["import json", "import os"] if body is not None else ["import os"]
    ending = [")", "print(response.status_code)", "print(response.text)"]
    return "\n".join([*imports, "", "import requests", "", "response = requests.request(", *call, *ending])


def node(method: str, url: str, body: str | None) -> str:
    headers = f"Authorization: `Bearer ${{process.env.{TOKEN_VAR}}}`"
    options = [f"  method: {json.dumps(method)},"]
    if body is not None:
        headers += ', "Content-Type": "application/json"'
        options += [f"  headers: {{ {headers} }},", f"  body: {json.dumps(body)},"]
    else:
        options.append(f"  headers: {{ {headers} }},")
    return "\n".join(
        [
            "// Node 18 or later: node call.mjs",
            f"const response = await fetch({json.dumps(url)}, {{",
            *options,
            "});",
            "console.log(response.status);",
            "console.log(await response.text());",
        ]
    )


def go(method: str, url: str, body: str | None) -> str:
    imports = ['"fmt"', '"io"', '"net/http"', '"os"'] + (['"strings"'] if body is not None else [])
    reader = f"strings.NewReader({json.dumps(body)})" if body is not None else "nil"
    lines = [
        "package main",
        "",
        "import (",
        *(f"\t{name}" for name in imports),
        ")",
        "",
        "func main() {",
        f"\treq, err := http.NewRequest({json.dumps(method)}, {json.dumps(url)}, {reader})",
        "\tif err != nil {",
        "\t\tpanic(err)",
        "\t}",
        f'\treq.Header.Set("Authorization", "Bearer "+os.Getenv({json.dumps(TOKEN_VAR)}))',
    ]
    if body is not None:
        lines.append('\treq.Header.Set("Content-Type", "application/json")')
    lines += [
        "\tresp, err := http.DefaultClient.Do(req)",
        "\tif err != nil {",
        "\t\tpanic(err)",
        "\t}",
        "\tdefer resp.Body.Close()",
        "\tout, _ := io.ReadAll(resp.Body)",
        "\tfmt.Println(resp.Status)",
        "\tfmt.Println(string(out))",
        "}",
    ]
    return "\n".join(lines)


def php(method: str, url: str, body: str | None) -> str:
    headers = f"'Authorization: Bearer ' . getenv({_php(TOKEN_VAR)})"
    options = [f"    CURLOPT_CUSTOMREQUEST => {_php(method)},"]
    if body is not None:
        options += [
            f"    CURLOPT_HTTPHEADER => [{headers}, 'Content-Type: application/json'],",
            f"    CURLOPT_POSTFIELDS => {_php(body)},",
        ]
    else:
        options.append(f"    CURLOPT_HTTPHEADER => [{headers}],")
    options.append("    CURLOPT_RETURNTRANSFER => true,")
    return "\n".join(
        [
            "<?php",
            f"$ch = curl_init({_php(url)});",
            "curl_setopt_array($ch, [",
            *options,
            "]);",
            "$body = curl_exec($ch);",
            'echo curl_getinfo($ch, CURLINFO_RESPONSE_CODE), "\\n", $body, "\\n";',
        ]
    )


def request_snippets(method: str, url: str, body: str | None) -> list[Snippet]:
    """The request `method url` (absolute) with a JSON `body` (or None), in each language."""
    return [
        Snippet("curl", "curl", curl(method, url, body)),
        Snippet("python", "Python (requests)", python(method, url, body)),
        Snippet("node", "Node (fetch)", node(method, url, body)),
        Snippet("go", "Go (net/http)", go(method, url, body)),
        Snippet("php", "PHP (curl)", php(method, url, body)),
    ]


def token_snippet(base_url: str, client_id: str) -> str:
    """Get a token with the app's Client ID and Client Secret, and keep it in TOKEN."""
    url = shlex.quote(f"{base_url}/token?grant_type=client_credentials")
    extract = shlex.quote('import json, sys; print(json.load(sys.stdin)["access_token"])')
    return "\n".join(
        [
            "# The Client Secret is shown once, when it is issued (Authentication Management).",
            "export CLIENT_SECRET='paste your Client Secret here'",
            f'export {TOKEN_VAR}=$(curl -sS -X POST -u {shlex.quote(client_id + ":")}"$CLIENT_SECRET" {url} \\',
            f"  | python3 -c {extract})",
        ]
    )
