"""The IP whitelist's one rule set: what the form checks and the service stores."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from django.utils.translation import gettext

MAX_ENTRIES = 100


@dataclass(frozen=True)
class ParsedWhitelist:
    entries: list[str]
    errors: list[str]


def whitelist_parse(text: str) -> ParsedWhitelist:
    """One address or CIDR range per line (blank lines ignored), normalised and deduplicated.

    Errors name the line and say what to fix, so a partner pasting fifty
    addresses can find the one typo.
    """
    entries: list[str] = []
    errors: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        entry, error = _parse_entry(line)
        if error:
            errors.append(gettext("Line {number}: {error}").format(number=number, error=error))
        elif entry not in entries:
            entries.append(entry)
    if len(entries) > MAX_ENTRIES:
        errors.append(
            gettext("At most {limit} entries; use CIDR ranges to cover several addresses.").format(limit=MAX_ENTRIES)
        )
    return ParsedWhitelist(entries=entries, errors=errors)


def _parse_entry(line: str) -> tuple[str, str]:
    shown = line if len(line) <= 60 else line[:57] + "..."
    if "/" in line:
        try:
            network = ipaddress.ip_network(line, strict=True)
        except ValueError as error:
            if "host bits set" in str(error):
                suggestion = ipaddress.ip_network(line, strict=False)
                return "", gettext("“{entry}” has host bits set; did you mean {suggestion}?").format(
                    entry=shown, suggestion=suggestion
                )
            return "", gettext("“{entry}” is not a valid CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/32).").format(
                entry=shown
            )
        # A /32 (or /128) is one address: store it as that address.
        if network.num_addresses == 1:
            return str(network.network_address), ""
        return str(network), ""
    try:
        return str(ipaddress.ip_address(line)), ""
    except ValueError:
        return "", gettext("“{entry}” is not an IP address (e.g. 203.0.113.7 or 2001:db8::7).").format(entry=shown)
