"""The playground: the lecture's neurons learning live in the browser, on neurona's engine.

``neurona playground`` (or :func:`serve`) starts a local server; the page is a thin view
of a server-side :class:`~neurona.playground.session.Session` that drives a real estimator
update by update. Needs the ``playground`` extra: ``pip install 'neurona[playground]'``.
"""

from __future__ import annotations

import secrets
import sys
import threading
import webbrowser
from typing import Any

__all__ = ["create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def create_app(*args: Any, **kwargs: Any):
    """The ASGI app (see :func:`neurona.playground.app.create_app`)."""
    from .app import create_app as make

    return make(*args, **kwargs)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    lang: str = "es",
    open_browser: bool = True,
    initial: dict[str, Any] | None = None,
    upload: Any = None,
    max_upload: int = 20 * 1024 * 1024,
    ready: Any = None,
) -> None:
    """Run the playground until interrupted; print its address (with the launch's token).

    ``port=0`` takes a free port. A ``host`` other than the loopback prints a warning: the
    token then guards the page from the network. ``ready(url)``, if given, is called once
    the server listens.
    """
    import uvicorn

    from .app import MAX_MESSAGE
    from .app import create_app as make

    token = secrets.token_urlsafe(18)
    app = make(token, lang=lang, initial=initial, upload=upload, max_upload=max_upload)
    if host not in LOOPBACK:
        print(f"warning: serving on {host}: anyone who can reach it and learns the address "
              "(with its token) can drive this playground", file=sys.stderr)  # fmt: skip
    config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                            ws_max_size=4 * MAX_MESSAGE, lifespan="off")  # fmt: skip
    server = uvicorn.Server(config)

    def announce() -> None:
        while not server.started:
            if server.should_exit:
                return
            threading.Event().wait(0.02)
        sock = server.servers[0].sockets[0]
        bound = sock.getsockname()[1]
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{bound}/t/{token}/"
        print(f"neurona playground: {url}", flush=True)
        if ready is not None:
            ready(url)
        if open_browser:
            webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    server.run()
