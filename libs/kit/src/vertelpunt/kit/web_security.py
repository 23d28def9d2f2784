"""Web edge defences shared by every HTTP service: security headers, the real client address, body limits.

All three are plain ASGI pieces (no BaseHTTPMiddleware), so they also wrap streaming responses and cost little.

- `SecurityHeadersMiddleware` adds CSP, nosniff, Referrer-Policy, X-Frame-Options, Permissions-Policy and
  (per path prefix) Cache-Control to every HTTP response. A header the application already set wins, so a
  route can send a more specific value.
- `client_ip` honours `X-Forwarded-For` only when the direct peer is a trusted proxy, and then takes the
  right-most address that is not a trusted proxy (the left part of the header is whatever the client wrote).
- `BodyLimitMiddleware` refuses bodies above a byte limit (413) and JSON bodies nested deeper than a limit (400),
  both as problem+json, before the application parses anything.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping, Sequence
from itertools import accumulate
from typing import Any

from vertelpunt.kit.problem import problem_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_CSP_DIRECTIVES: Mapping[str, Sequence[str]] = {
    "default-src": ("'self'",),
    "frame-ancestors": ("'none'",),
    "form-action": ("'self'",),
    "base-uri": ("'self'",),
    "object-src": ("'none'",),
}
DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)


def build_csp(directives: Mapping[str, Sequence[str]] | None = None, **extra: Sequence[str]) -> str:
    """A Content-Security-Policy value: the defaults, with `directives` and `extra` replacing whole directives.

    Keyword arguments use underscores for dashes: `build_csp(style_src=("'self'", "'unsafe-inline'"))`.
    """
    merged: dict[str, Sequence[str]] = dict(DEFAULT_CSP_DIRECTIVES)
    merged.update(directives or {})
    merged.update({name.replace("_", "-"): value for name, value in extra.items()})
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in merged.items())


DEFAULT_CSP = build_csp()


class SecurityHeadersMiddleware:
    """Adds security headers to every HTTP response.

    `csp_by_path` and `cache_control` are (path prefix, value) pairs; the longest matching prefix applies.
    A `None` CSP in `csp_by_path` leaves that prefix without a policy (not recommended).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        csp: str = DEFAULT_CSP,
        csp_by_path: Sequence[tuple[str, str]] = (),
        referrer_policy: str = "no-referrer",
        permissions_policy: str = DEFAULT_PERMISSIONS_POLICY,
        cache_control: Sequence[tuple[str, str]] = (),
        strict_transport_security: str | None = None,
    ) -> None:
        self.app = app
        self.csp = csp
        self.csp_by_path = _longest_first(csp_by_path)
        self.cache_control = _longest_first(cache_control)
        self.fixed: list[tuple[bytes, bytes]] = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", referrer_policy.encode("latin-1")),
            (b"x-frame-options", b"DENY"),
            (b"permissions-policy", permissions_policy.encode("latin-1")),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if strict_transport_security:
            self.fixed.append((b"strict-transport-security", strict_transport_security.encode("latin-1")))

    def headers_for(self, path: str) -> list[tuple[bytes, bytes]]:
        headers = list(self.fixed)
        csp = _match(self.csp_by_path, path, self.csp)
        if csp:
            headers.append((b"content-security-policy", csp.encode("latin-1")))
        cache = _match(self.cache_control, path, None)
        if cache:
            headers.append((b"cache-control", cache.encode("latin-1")))
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers_for(str(scope.get("path", "")))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in extra if name not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _longest_first(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def _match(pairs: Sequence[tuple[str, str]], path: str, default: str | None) -> str | None:
    for prefix, value in pairs:
        if path == prefix or path.startswith(prefix if prefix.endswith("/") else prefix + "/"):
            return value
    return default


# --- the client's address -------------------------------------------------------------------------------------

def parse_networks(cidrs: Iterable[str | IPNetwork]) -> list[IPNetwork]:
    """CIDR strings (or single addresses) to networks; raises ValueError on a malformed entry."""
    return [c if isinstance(c, ipaddress.IPv4Network | ipaddress.IPv6Network)
            else ipaddress.ip_network(c.strip(), strict=False) for c in cidrs]


def _parse_ip(value: str) -> IPAddress | None:
    text = value.strip().strip('"')
    if text.startswith("["):  # "[2001:db8::1]:443"
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # "203.0.113.9:51234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress, networks: Sequence[IPNetwork]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_ip(scope_or_request: Any, trusted_proxies: Iterable[str | IPNetwork] = ()) -> str:
    """The address of the client that made the request, as a string ("unknown" if the server gave none).

    `scope_or_request` is an ASGI scope or anything with a `.scope` (a Starlette/FastAPI Request).
    `X-Forwarded-For` counts only when the direct peer is inside `trusted_proxies`; then the header is read
    from the right, skipping trusted proxies, and the first address that is not trusted is the client. If an
    entry is not an address, the walk stops at the last trusted hop, so a forged entry can never be chosen.
    """
    scope: Mapping[str, Any] = getattr(scope_or_request, "scope", scope_or_request)
    client = scope.get("client")
    peer_text = str(client[0]) if client else ""
    peer = _parse_ip(peer_text)
    if peer is None:
        return peer_text or "unknown"
    networks = parse_networks(trusted_proxies)
    if not networks or not _trusted(peer, networks):
        return str(peer)
    forwarded: list[str] = []
    for name, value in scope.get("headers", []):
        if name.lower() == b"x-forwarded-for":
            forwarded.extend(part for part in value.decode("latin-1").split(","))
    chosen: IPAddress = peer
    for entry in reversed(forwarded):
        hop = _parse_ip(entry)
        if hop is None:
            break
        chosen = hop
        if not _trusted(hop, networks):
            break
    return str(chosen)


# --- body limits ----------------------------------------------------------------------------------------------

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text, without parsing it (so without recursion).

    Brackets inside strings do not count. Malformed text gives a best-effort (never lower) answer.
    """
    brackets = _JSON_STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    return max(accumulate(1 if byte in (0x5B, 0x7B) else -1 for byte in brackets), default=0)


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-type":
            media: str = bytes(value).decode("latin-1").split(";", 1)[0].strip().lower()
            return media == "application/json" or media.endswith("+json")
    return False


class BodyLimitMiddleware:
    """Refuses a request body above `max_bytes` with 413, and a JSON body nested deeper than `max_json_depth`
    with 400, both problem+json, before the application sees it.

    The body is read (at most `max_bytes` + 1 bytes) and replayed to the application. `paths` limits the check
    to some path prefixes (default: every path).
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int = 1_048_576, max_json_depth: int | None = 64,
                 paths: Sequence[str] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_json_depth = max_json_depth
        self.paths = tuple(paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.paths and not str(scope.get("path", "")).startswith(self.paths)):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        disconnect: Message | None = None
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                disconnect = message
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        if self.max_json_depth is not None and body and _is_json(scope) and json_depth(body) > self.max_json_depth:
            response = problem_response(
                400, "te-diep-genest", "De invoer is te diep genest.",
                f"Gebruik hoogstens {self.max_json_depth} niveaus van lijsten en objecten.",
                str(scope.get("path", "")) or None, maxDepth=self.max_json_depth)
            await response(scope, receive, send)
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                if disconnect is not None:
                    return disconnect
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413, "te-groot", "Het verzoek is te groot.",
            f"Stuur hoogstens {self.max_bytes} bytes.", str(scope.get("path", "")) or None,
            maxBytes=self.max_bytes)
        response.headers["connection"] = "close"
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def install_web_security(app: Any, *, max_bytes: int = 1_048_576, max_json_depth: int | None = 64,
                         body_paths: Sequence[str] = (), **header_options: Any) -> None:
    """Adds both middlewares to a Starlette/FastAPI app in the right order: the headers outermost, so that
    the limit's own 413/400 answers carry them too. `header_options` go to `SecurityHeadersMiddleware`."""
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_bytes, max_json_depth=max_json_depth, paths=body_paths)
    app.add_middleware(SecurityHeadersMiddleware, **header_options)


# --- internal endpoints ---------------------------------------------------------------------------------------

class TokenGuardMiddleware:
    """Guards internal endpoints (default `/metrics`) on a public port: they answer only to
    `Authorization: Bearer <token>`. Without a configured token they are not served here at all (404), which
    suits a deployment that scrapes them on a separate, internal port instead."""

    def __init__(self, app: ASGIApp, *, token: str | None, paths: Sequence[str] = ("/metrics",)) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.paths = frozenset(paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).rstrip("/") not in self.paths:
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        presented = _bearer(scope)
        if self.token is None:
            response = problem_response(404, "http-404", "Niet gevonden.", None, path)
        elif presented is not None and hmac.compare_digest(presented, self.token):
            await self.app(scope, receive, send)
            return
        else:
            response = problem_response(401, "http-401", "Je bent niet ingelogd.",
                                        "Dit adres vraagt een geldig token.", path)
            response.headers["www-authenticate"] = 'Bearer realm="metrics"'
        await response(scope, receive, send)


def _bearer(scope: Scope) -> bytes | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"authorization":
            scheme, _, credentials = bytes(value).partition(b" ")
            return credentials.strip() if scheme.lower() == b"bearer" and credentials.strip() else None
    return None
