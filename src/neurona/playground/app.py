"""The playground's server: Starlette routes and one WebSocket per page.

Every route lives under ``/t/<token>/``, a token drawn per launch, so every request (the
page, its modules, the WebSocket, uploads, exports) carries it; anything else is 403. The
WebSocket also checks its ``Origin`` (a local socket can otherwise be driven by any page
the user visits). Static files are served from an allow-list built from the package's
``static/`` folder, so no other path can be reached (404).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import importlib.resources
import json
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from .._i18n import spanish
from ..errors import NeuronaError, ParameterError
from .export import blocked, cli_line, model_file, python_code, training_csv
from .session import LISTED, PlaygroundError, Session, Settings, error_info, jsonsafe

__all__ = ["CSP", "create_app"]

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
#: the largest WebSocket message the page may send (settings, a point, weights)
MAX_MESSAGE = 64 * 1024
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
         "": "text/plain; charset=utf-8"}  # fmt: skip


def static_files() -> dict[str, bytes]:
    """Every file under the package's ``static/`` folder, by its relative path."""
    root = importlib.resources.files("neurona.playground") / "static"
    out: dict[str, bytes] = {}

    def walk(node, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.is_file() and not child.name.startswith("."):
                out[prefix + child.name] = child.read_bytes()

    walk(root, "")
    return out


@dataclass
class Config:
    token: str
    lang: str = "es"
    max_upload: int = 20 * 1024 * 1024
    initial: dict[str, Any] | None = None  # settings of a launch with DATA or --dataset
    upload: Any = None  # a Table read from the command line's DATA


def _headers(kind: str) -> dict[str, str]:
    return {"content-security-policy": CSP, "x-content-type-options": "nosniff",
            "referrer-policy": "no-referrer", "cache-control": "no-store",
            "content-type": TYPES.get(kind, TYPES[""])}  # fmt: skip


def _error(status: int, message: str, kind: str = "settings", name: str = "") -> JSONResponse:
    """A refusal in words, in English and in Spanish (the page shows its language's);
    ``name`` (an uploaded file's) leads both."""
    lead = f"{name}: " if name else ""
    return JSONResponse(
        {"error": lead + message, "error_es": lead + spanish(message), "kind": kind},
        status_code=status, headers={"content-security-policy": CSP},
    )  # fmt: skip


def _plain_words(message: str) -> str:
    """A reader's message as the page can act on it: without the server's temporary path
    (the caller names the uploaded file) and without command-line flags (the page has
    none)."""
    import re

    message = re.sub(r"(/[^\s:'\"]*)?/upload\.[a-z.]+(: )?", "", message)
    message = re.sub(r"\s*\([^()]*--[a-z][^()]*\)", "", message)  # "(e.g. --encoding utf-16)"
    message = re.sub(r"[,;:]?\s*[^,;:]*--[a-z][^;]*", "", message)  # ", or pass ... --encoding"
    return message.strip().rstrip(";,:") or "the file could not be read"


def _upload_error(name: str, message: str, kind: str = "upload") -> JSONResponse:
    """An upload refused: the reader's words in English and Spanish, led by the file's name,
    without the server's temporary path and the command line's flags."""
    return JSONResponse(
        {"error": f"{name}: {_plain_words(message)}",
         "error_es": f"{name}: {_plain_words(spanish(message))}", "kind": kind},
        status_code=400, headers={"content-security-policy": CSP},
    )  # fmt: skip


def create_app(
    token: str | None = None,
    *,
    lang: str = "es",
    max_upload: int = 20 * 1024 * 1024,
    initial: dict[str, Any] | None = None,
    upload: Any = None,
) -> Starlette:
    """The playground as an ASGI app; its pages live under ``/t/<token>/``.

    Parameters
    ----------
    token : str or None
        The launch's secret (drawn if None; read it back as ``app.state.token``).
    lang : {"es", "en"}
        The page's language unless its URL says otherwise.
    max_upload : int
        Largest upload in bytes.
    initial : dict or None
        Settings of the first page (:class:`Settings` fields).
    upload : Table or None
        Data read from the command line, used instead of a bundled dataset.
    """
    cfg = Config(token or secrets.token_urlsafe(18), lang, max_upload, initial, upload)
    files = static_files()
    sessions: dict[str, Session] = {}
    prefix = f"/t/{cfg.token}"

    async def index(request: Request) -> Response:
        return Response(files["index.html"], headers=_headers(".html"))

    async def static(request: Request) -> Response:
        path = request.path_params["path"]
        if path not in files:
            return PlainTextResponse("not found", status_code=404, headers=_headers(""))
        return Response(files[path], headers=_headers(Path(path).suffix))

    async def config(request: Request) -> Response:
        return JSONResponse(
            {
                "lang": cfg.lang,
                "initial": cfg.initial or {},
                "max_upload": cfg.max_upload,
                "cli_data": cfg.upload is not None,
                "datasets": [*LISTED, "upload"],
            },
            headers=_headers(".json"),
        )

    def _session(request: Request) -> Session | None:
        return sessions.get(request.query_params.get("session", ""))

    async def upload_route(request: Request) -> Response:
        session = _session(request)
        if session is None:
            return _error(404, "no such session: reload the page")
        size = request.headers.get("content-length")
        limit_mb = cfg.max_upload / 2**20
        if size is None or not size.isdigit():
            return _error(411, "the upload must say its size (Content-Length)")
        if int(size) > cfg.max_upload + 4096:
            return _error(413, f"the file is {int(size) / 2**20:.1f} MiB; the playground takes "
                          f"files up to {limit_mb:.1f} MiB (start it with DATA on the command "
                          "line, or sample the file)")  # fmt: skip
        async with request.form(max_files=1, max_fields=4, max_part_size=cfg.max_upload) as form:
            item = form.get("file")
            target = str(form.get("target") or "")
            if item is None or isinstance(item, str):
                return _error(400, "no file in the upload (field 'file')")
            name = Path(item.filename or "data.csv").name
            body = await item.read()
        if len(body) > cfg.max_upload:
            return _error(413, f"the file is over the playground's {limit_mb:.1f} MiB limit")
        try:
            table = await run_in_threadpool(read_upload, body, name, target)
            await run_in_threadpool(session.load_table, table)
        except PlaygroundError as exc:  # the page words it in its language
            info = error_info(exc)
            body = {"error": f"{name}: {info.pop('message')}", **info}
            return JSONResponse(body, 400, headers={"content-security-policy": CSP})
        except NeuronaError as exc:
            return _upload_error(name, str(exc))
        if session.error:
            return _upload_error(name, session.error["message"], session.error["kind"])
        return JSONResponse({"ok": True, "rows": len(table.y), "features": table.feature_names,
                             "target": table.target_name, "left_out": table.left_out})  # fmt: skip

    async def export_route(request: Request) -> Response:
        session = _session(request)
        if session is None or session.run is None:
            return _error(404, "no run to export: reload the page")
        kind = request.path_params["kind"]
        try:
            if kind == "python":
                return PlainTextResponse(python_code(session), headers=_headers(".py"))
            if kind == "cli":
                return PlainTextResponse(cli_line(session), headers=_headers(""))
            if kind == "data.csv":
                return Response(
                    training_csv(session),
                    headers={
                        **_headers(""),
                        "content-type": "text/csv; charset=utf-8",
                        "content-disposition": 'attachment; filename="playground-train.csv"',
                    },
                )
            if kind == "model":
                body = await run_in_threadpool(model_file, session)
                return Response(
                    body,
                    headers={
                        **_headers(""),
                        "content-type": "application/octet-stream",
                        "content-disposition": 'attachment; filename="playground-model.npz"',
                    },
                )
        except NeuronaError as exc:  # with its code, for the page's words in its language
            info = error_info(exc)
            return JSONResponse({"error": info.pop("message"), **info}, status_code=400,
                                headers={"content-security-policy": CSP})  # fmt: skip
        return _error(404, f"no export named {kind!r}")

    async def socket(ws: WebSocket) -> None:
        origin = ws.headers.get("origin")
        host = ws.headers.get("host", "")
        if origin not in (f"http://{host}", f"https://{host}"):
            await ws.close(code=1008)  # before accept: the handshake is refused (403)
            return
        await ws.accept()
        sid = secrets.token_urlsafe(12)
        session = await run_in_threadpool(
            Session, Settings.from_dict(cfg.initial or {}), cfg.upload
        )
        sessions[sid] = session
        await ws.send_text(json.dumps({"type": "hello", "session": sid}))
        conn = Connection(ws, session)
        try:
            await conn.serve()
        finally:
            await conn.pause()  # the player ends before the session closes
            sessions.pop(sid, None)
            await run_in_threadpool(session.close)

    async def favicon(request: Request) -> Response:
        return Response(files["favicon.svg"], headers=_headers(".svg"))

    async def forbidden(request: Request) -> Response:
        return PlainTextResponse("not found", status_code=404, headers=_headers(""))

    routes = [
        Route(f"{prefix}/", index),
        Route(f"{prefix}/config", config),
        Route(f"{prefix}/favicon.ico", favicon),
        Route(f"{prefix}/upload", upload_route, methods=["POST"]),
        Route(f"{prefix}/export/{{kind}}", export_route),
        Route(f"{prefix}/static/{{path:path}}", static),
        WebSocketRoute(f"{prefix}/ws", socket),
        Route(f"{prefix}/{{rest:path}}", forbidden),
    ]
    app = Starlette(routes=routes)
    app.state.token = cfg.token
    app.state.sessions = sessions
    return TokenGate(app, cfg.token)


class TokenGate:
    """ASGI middleware: 403 for any request whose path does not start with the token."""

    def __init__(self, app, token: str) -> None:
        self.app, self.prefix = app, f"/t/{token}/".encode()
        self.state = app.state

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket"):
            raw = scope.get("raw_path") or scope["path"].encode()
            raw = raw.split(b"?", 1)[0]
            if not hmac.compare_digest(raw[: len(self.prefix)], self.prefix):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                    return
                await PlainTextResponse(
                    "403: this playground needs the address it printed (with its token)",
                    status_code=403, headers={"content-security-policy": CSP},
                )(scope, receive, send)  # fmt: skip
                return
        await self.app(scope, receive, send)


def read_upload(body: bytes, name: str, target: str):
    """An uploaded CSV/TSV/Parquet file read by neurona's readers (target: last column)."""
    from ..data.readers import DataFile, read_xy
    from ..errors import DataError

    suffix = "".join(Path(name).suffixes[-2:]).lower() or ".csv"
    if not any(suffix.endswith(s) for s in (".csv", ".tsv", ".parquet", ".txt", ".gz")):
        raise PlaygroundError(f"upload a .csv, .tsv or .parquet file (not {suffix})",
                              "upload_type", "upload", suffix=suffix)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(body)
        key: str | int = target if target else -1  # default: the last column
        if isinstance(key, str) and key.lstrip("-").isdigit():
            key = int(key)
        left_out: list[str] = []
        try:
            table = read_xy(path, target=key, label_type="auto")
        except DataError as exc:
            if "not a number" not in str(exc):
                raise
            # a text column: keep the numeric feature columns, say which were left out
            columns = [str(c) for c in DataFile(path, target=key).columns]
            tname = columns[key] if isinstance(key, int) else key
            numeric = []
            for c in columns:
                if c == tname:
                    continue
                try:
                    read_xy(path, target=tname, features=[c], label_type="auto")
                    numeric.append(c)
                except DataError:
                    left_out.append(c)
            if not numeric:
                raise DataError(f"{exc}; no feature column holds numbers only, so there is "
                                "nothing to train on") from None  # fmt: skip
            table = read_xy(path, target=tname, features=numeric, label_type="auto")
        target = table.target_name
        y = np.asarray(table.y)
        if y.dtype.kind in "iuf" and len(np.unique(y)) > 10:
            table = read_xy(path, target=target, target_kind="numbers",
                            features=list(table.feature_names))  # fmt: skip
    return SimpleNamespace(X=table.X, y=np.asarray(table.y), feature_names=table.feature_names,
                           target_name=table.target_name, left_out=left_out)  # fmt: skip


class Connection:
    """One page's WebSocket: commands in, frames out; playing sends the latest frame."""

    def __init__(self, ws: WebSocket, session: Session) -> None:
        self.ws, self.session = ws, session
        self.playing = False
        self.speed = 1
        self.lock = asyncio.Lock()
        self.player: asyncio.Task | None = None
        self.points_sent = None

    async def send_frame(self, **extra: Any) -> None:
        s = self.session
        started = time.perf_counter()
        key = (id(s.run), len(s.added), len(s.removed), id(s.upload))
        frame = await run_in_threadpool(lambda: s.frame(points=key != self.points_sent))
        frame["server_ms"] = (time.perf_counter() - started) * 1e3
        frame["export"] = blocked(s)  # why no command line or model file here (or None)
        self.points_sent = key
        frame.update(playing=self.playing, **extra)
        if "rid" in extra and extra["rid"] is None:
            del extra["rid"]
        frame.update(jsonsafe(extra))
        # the session's frame is JSON-ready already (jsonsafe): only the extras are checked
        await self.ws.send_text(json.dumps(frame, allow_nan=False, default=_plain))

    async def serve(self) -> None:
        while True:
            message = await self.ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text") or (message.get("bytes") or b"").decode("utf8", "replace")
            if len(text) > MAX_MESSAGE:
                await self.ws.send_text(json.dumps({
                    "type": "error", "message": f"a message of {len(text)} bytes is over the "
                    f"{MAX_MESSAGE // 1024} KiB limit"}))  # fmt: skip
                continue
            try:
                command = json.loads(text)
                if not isinstance(command, dict):
                    raise ValueError
            except ValueError:
                await self.ws.send_text(json.dumps({"type": "error", "message": "not JSON"}))
                continue
            try:
                async with self.lock:
                    reply = await self.handle(command)
                if reply:
                    async with self.lock:
                        await self.send_frame(reply_to=command.get("op"), rid=command.get("rid"))
            except Exception as exc:  # every refusal in words; the socket stays open
                info = error_info(exc)
                await self.ws.send_text(json.dumps(jsonsafe({"type": "error", **info})))

    async def handle(self, c: dict[str, Any]) -> bool:
        s, op = self.session, c.get("op")
        if op in ("set", "reset", "regenerate", "edit", "add", "remove", "points"):
            await self.pause()
        if op == "set":  # "restore": the URL's settings, applied exactly as given
            await run_in_threadpool(s.set, dict(c.get("params") or {}), bool(c.get("restore")))
        elif op == "reset":
            await run_in_threadpool(s.reset)
        elif op == "regenerate":
            await run_in_threadpool(s.set, {k: c[k] for k in ("seed", "noise") if k in c})
        elif op == "step":
            await self.pause()
            await run_in_threadpool(s.step, _count(c.get("n", 1)))
        elif op == "epoch":
            await self.pause()
            await run_in_threadpool(s.step_epoch)
        elif op == "seek":
            await self.pause()
            s.seek(_count(c.get("k", 0), low=0))
        elif op == "edit":
            await run_in_threadpool(s.edit, c.get("w"), _number(c.get("b")))
        elif op == "add":
            await run_in_threadpool(s.add_point, _number(c.get("x")), _number(c.get("y")),
                                    c.get("label"))  # fmt: skip
        elif op == "remove":
            await run_in_threadpool(s.remove_point, _count(c.get("index"), low=0))
        elif op == "points":  # a reload: the rows added and removed by clicks, from the URL
            added, removed = c.get("added") or [], c.get("removed") or []
            if not isinstance(added, list) or not isinstance(removed, list):
                raise ParameterError("points: give lists of added rows and removed rows")
            await run_in_threadpool(s.set_points, added, removed)
        elif op == "speed":
            self.speed = _count(c.get("n", 1), key="speed", high=1000)
            return False
        elif op == "play":
            if not self.playing:
                self.playing = True
                self.player = asyncio.create_task(self.play())
            return False
        elif op == "pause":
            await self.pause()
        elif op == "frame":
            pass
        else:
            raise ParameterError(f"unknown command {op!r}")
        return True

    async def pause(self) -> None:
        self.playing = False
        if self.player is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.player
            self.player = None

    async def play(self) -> None:
        """Step ``speed`` updates per frame until paused or the run ends (≤ 60 frames/s)."""
        s = self.session
        while self.playing:
            started = time.perf_counter()
            async with self.lock:
                before = s.cursor
                await run_in_threadpool(s.step, self.speed)
                if s.run is None or (s.cursor == before and s.run.done):
                    self.playing = False
                try:
                    await self.send_frame()
                except (WebSocketDisconnect, RuntimeError, OSError):  # the page went away
                    self.playing = False
                    return
            await asyncio.sleep(max(0.0, 1 / 60 - (time.perf_counter() - started)))


def _count(value: Any, low: int = 1, key: str = "n", high: int = 1_000_000) -> int:
    """A whole number from ``low`` to ``high``, else a refusal the page words (``code``)."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise PlaygroundError(f"{key} = {value!r} is not a whole number", "not_int", key=key,
                              value=str(value)[:40]) from None  # fmt: skip
    if not low <= n <= high:
        raise PlaygroundError(f"{key} = {n} is out of range: give a value from {low} to {high}",
                              "out_of_range", key=key, value=n, lo=low, hi=high)  # fmt: skip
    return n


def _number(value: Any) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ParameterError(f"{value!r} is not a number") from None
    if not np.isfinite(x):
        raise ParameterError(f"{value!r} is not a finite number")
    return x


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON")
