"""HTML responses leave gzip-compressed (static files already are, by WhiteNoise).

BREACH: a compressed response that holds a secret next to text an attacker
can make the page echo leaks the secret through its length, one guess per
request. What the console's pages hold and why compressing them is safe:

- the CSRF token: Django masks it with a fresh random pad in every response,
  so no two responses carry the same bytes to guess against;
- Django's GZipMiddleware also pads each response with 0 to 100 random bytes
  (Heal The Breach), blurring the length a guess is read from;
- secrets shown in clear (a new Client Secret, a webhook secret, an
  authenticator's secret or recovery codes) are never compressed: their
  pages call `keep_uncompressed(response)`, and allauth's two-factor pages
  are left out by path (`UNCOMPRESSED_PREFIXES`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

UNCOMPRESSED_PREFIXES = ("/accounts/2fa/", "/accounts/reauthenticate/")
_MARK = "_console_keep_uncompressed"


def keep_uncompressed(response: HttpResponseBase) -> HttpResponseBase:
    """Mark a response that shows a secret in clear: it leaves as it is."""
    setattr(response, _MARK, True)
    return response


class HtmlGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if getattr(response, _MARK, False) or request.path.startswith(UNCOMPRESSED_PREFIXES):
            return response
        return super().process_response(request, response)
