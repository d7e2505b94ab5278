"""The FastAPI app: every route behind the api-server's auth, no docs routes, strict headers.

Airflow does not authenticate a plugin's app; the app-level dependency does, for every
route at once (a route added later cannot forget it). The Content-Security-Policy allows
only this origin: the pages, and the GX Data Docs served from the warehouse, load nothing
from the internet (Data Docs pages render without their CDN styles).
"""

from __future__ import annotations

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from diplomacy_ui import api, pages, services
from diplomacy_ui.security import read_access

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'self'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)


def create_app() -> FastAPI:
    app = FastAPI(
        title="Diplomacy events",
        dependencies=[Depends(read_access)],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)

    @app.exception_handler(services.Pending)
    async def pending(request: Request, exc: services.Pending) -> JSONResponse:
        return JSONResponse(status_code=202, content={"pending": True, "detail": str(exc)})

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if "text/html" in response.headers.get("content-type", ""):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app


app = create_app()
