"""The Markdown of a post becomes HTML that runs nothing: script, event handlers and
`javascript:` URLs never get through, whichever way they are written."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from news.markdown import TAGS, render_markdown, sanitize


class _Elements(HTMLParser):
    """Every element and attribute of a fragment, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _safe_url(value: str | None) -> bool:
    """No scheme (a relative link) or one of http, https and mailto."""
    scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value or "")
    return scheme is None or scheme.group(1).lower() in {"http", "https", "mailto"}


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">click</a>',
    "<svg onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<iframe src=https://evil.example></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](  javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[click](https://example.com "x\\" onmouseover=\\"alert(1)")',
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_it_lets_no_script_through(payload: str) -> None:
    html = render_markdown(f"Before\n\n{payload}\n\nAfter")
    for tag, attrs in elements(html):
        assert tag in TAGS, (payload, html)
        for name, value in attrs:
            assert name in {"href", "title", "rel"}, (payload, html)
            if name == "href":
                assert _safe_url(value), (payload, html)
    assert "<p>Before</p>" in html and "<p>After</p>" in html


def test_raw_html_is_shown_as_text() -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in render_markdown("Say <script>alert(1)</script>")


def test_it_renders_what_a_post_needs() -> None:
    html = render_markdown(
        "# Heading\n\nSome **bold**, `code` and a [link](https://developer.example.com/docs).\n\n"
        "- one\n- two\n\n```\ncurl /v2/order/list\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h2>Heading</h2>" in html  # the post's title is the page's h1
    assert "<strong>bold</strong>" in html and "<code>code</code>" in html
    assert '<a href="https://developer.example.com/docs" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<li>one</li>" in html and "<pre><code>curl /v2/order/list" in html and "<td>1</td>" in html


def test_mailto_links_stay() -> None:
    assert 'href="mailto:api@example.com"' in render_markdown("[write](mailto:api@example.com)")


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p.startswith("<")])
def test_the_sanitizer_alone_stops_raw_html_too(payload: str) -> None:
    """The second layer holds even if the renderer let raw HTML through."""
    for tag, attrs in elements(sanitize(payload)):
        assert tag in TAGS
        assert all(name in {"href", "title", "rel"} for name, _ in attrs)
        assert all(_safe_url(value) for name, value in attrs if name == "href")
