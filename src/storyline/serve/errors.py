"""One JSON error shape for every error the API returns.

    {"error": {"code": "E801", "status": 404, "message": "[E801] no such event 'x'",
               "detail": null, "path": "/api/events/x"}}

`code` is one of storyline's coded errors (docs/errors.md); `detail` is null or, for invalid
parameters (E802), a list of `{"field", "message"}`. Everything goes through here: storyline's
own errors, FastAPI's validation errors (422), Starlette's HTTP errors (404 for an unknown path,
405, ...), an oversized body (413) and any unexpected exception (500, logged with its trace,
never shown to the client).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.errors import Code, StorylineError

log = logging.getLogger(__name__)

STATUS = {
    Code.E801: 404, Code.E802: 422, Code.E803: 503, Code.E804: 413, Code.E805: 401, Code.E806: 403,
    Code.E807: 403, Code.E808: 422, Code.E810: 500,
    Code.E504: 404,  # the store's "no such ... in the store"
}


def error_body(code: Code, message: str, status: int, path: str, detail: Any = None) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"code": code.name, "status": status, "message": message, "detail": detail, "path": path}}


def error_response(request: Request, code: Code, message: str, status: int, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, status, request.url.path, detail), status_code=status,
                        headers=headers)


def status_of(err: StorylineError) -> int:
    return STATUS.get(err.code, 500)


async def _storyline_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StorylineError)
    status = status_of(exc)
    if status >= 500 and exc.code != Code.E803:
        log.error("%s %s: %s", request.method, request.url.path, exc, exc_info=exc)
    headers = {"WWW-Authenticate": "Bearer"} if exc.code == Code.E805 else None
    return error_response(request, exc.code, str(exc), status, headers=headers)


def _field(location: Any) -> str:
    parts = [str(p) for p in (location or ()) if p not in ("query", "path", "body")]
    return ".".join(parts) or "request"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [{"field": _field(e.get("loc")), "message": str(e.get("msg", ""))} for e in exc.errors()]
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in detail)
    return error_response(request, Code.E802, Code.E802.message(summary), 422, detail)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        what = exc.detail if exc.detail and exc.detail != "Not Found" else f"path {request.url.path!r}"
        return error_response(request, Code.E801, Code.E801.message(what), 404)
    if exc.status_code == 413:
        return error_response(request, Code.E804, str(exc.detail), 413)
    text = f"{exc.status_code} {exc.detail}"
    return error_response(request, Code.E809, Code.E809.message(text), exc.status_code,
                          headers=dict(exc.headers or {}))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(request, Code.E810, Code.E810.message(type(exc).__name__), 500)


def install(app: FastAPI) -> None:
    """Route every kind of error to the one shape."""
    app.add_exception_handler(StorylineError, _storyline_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
