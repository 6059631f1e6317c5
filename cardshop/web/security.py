"""Security and privacy headers on every response.

Everything the site needs comes from the site itself, so the Content-Security-Policy can be strict:
no inline script or style, no other host, no framing. Preview images travel as `data:` URIs (nothing
a sender writes is stored to serve it by URL), hence `img-src data:`. Pages and downloads made from
what a sender wrote are marked `no-store` so no cache along the way keeps them.
"""

from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # No address of ours (which may name a kind of loss in its filters) is passed on to anyone.
    "Referrer-Policy": "no-referrer",
    # frame-ancestors covers current browsers; X-Frame-Options covers older ones.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
}


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    # Anything answering a POST was made from what the sender wrote: never cache it anywhere.
    if request.method == "POST":
        response.headers["Cache-Control"] = "no-store"
    return response


def init_security(app: Flask) -> None:
    app.after_request(add_security_headers)
