"""A post's Markdown, rendered to HTML that is safe to show partners and to email.

Two maintained libraries, two layers: markdown-it-py renders CommonMark with
raw HTML turned off (it is shown as text) and refuses `javascript:`-style
links; nh3 (Ammonia) then keeps only the tags, attributes and URL schemes
listed here, whatever the renderer let through. No images: a post that
loads one from elsewhere would tell that host who reads it.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p",
    "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """Sanitized HTML for `text`. Headings move one level down: the post's title is the h1."""
    tokens = _md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    return sanitize(_md.renderer.render(tokens, _md.options, {}))


def sanitize(html: str) -> str:
    """Only the listed tags, attributes and URL schemes survive; links get rel=noopener."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
