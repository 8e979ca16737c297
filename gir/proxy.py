"""The client's address behind trusted reverse proxies: one function for throttling, audit and logs.

``GIR_TRUSTED_PROXIES`` lists the addresses or networks (CIDR) of the proxies in front of GIR.
When the direct peer is one of them, ``X-Forwarded-For`` is read from the right: each trusted
proxy appended the address it received the request from, so the right-most address that is not
a trusted proxy is the client. Anything to the left of it was written by the client and is
ignored (it can be forged). With no trusted proxies the header is never read.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: list[str] | tuple[str, ...]) -> tuple[Network, ...]:
    """``["10.0.0.1", "172.16.0.0/12"]`` → networks; a bad entry fails loudly at start-up."""
    try:
        return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip())
    except ValueError as exc:
        raise ValueError(f"GIR_TRUSTED_PROXIES holds an invalid address or network: {exc}") from exc


@lru_cache(maxsize=8)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:1234"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def resolve_client_ip(
    remote_addr: str | None, forwarded_for: str | None, trusted: tuple[str, ...]
) -> str | None:
    """The right-most address in the chain ``forwarded_for, remote_addr`` that is no trusted proxy."""
    peer = _address(remote_addr or "")
    if peer is None:
        return None
    networks = _trusted(tuple(trusted))

    def is_trusted(address) -> bool:
        return any(address in network for network in networks)

    if not is_trusted(peer) or not forwarded_for:
        return str(peer)
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:
            # Garbage in the header: stop at the last address we could vouch for.
            return str(peer)
        if not is_trusted(address):
            return str(address)
        peer = address
    return str(peer)


def client_ip(request) -> str | None:
    """The client address of a Django request (used by axes, the audit log and logs)."""
    if request is None:
        return None
    meta = request.META
    return resolve_client_ip(
        meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR"), tuple(settings.GIR_TRUSTED_PROXIES)
    )
