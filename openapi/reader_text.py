"""The OpenAPI document's words in the reader's language, for the console's own pages.

The document (and the schema endpoint that serves it) is the Open API's
contract and stays as Tokopedia's English whatever the caller reads. The
console's pages that show its summaries and descriptions to a person (the API
reference, the API Playground) translate them as they render: each text is
marked with `gettext_noop` where it is written (the views' `extend_schema`, the
serializers' `help_text`, SPECTACULAR_SETTINGS' tags), so `makemessages`
collects it while the document keeps the English, and `translated` looks the
English up in the catalogue. A text nobody marked is shown as it is.

The pages build what they show from the document once per process, before
any reader's language is known: `reader_text` gives a lazy string that is
translated each time it is rendered.
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext

# drf-spectacular appends an enum's values to its description ("\n\n* `0` - 0"):
# the sentence before them is what was marked.
_ENUM_LIST = "\n\n* `"


def translated(text: str) -> str:
    """`text` from the OpenAPI document in the active language."""
    if not text or text.startswith("* `"):
        return text  # gettext("") is the catalogue's header; a bare enum list has no words
    sentence, enum_list, values = text.partition(_ENUM_LIST)
    return gettext(sentence) + enum_list + values


reader_text = lazy(translated, str)
