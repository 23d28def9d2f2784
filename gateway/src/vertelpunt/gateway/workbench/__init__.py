"""Werkplaats: the web workbench on top of the gateway (issue 11), served under /werkplaats.

`router` holds the pages, login and exports; `static_files()` serves the stylesheet, the chart script and the
vendored browser libraries (gateway/workbench-web/vendor.sh installs them from the npm lockfile) and refuses to
start without them.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.staticfiles import StaticFiles

from vertelpunt.gateway.workbench import auth, cell_pages, endpoints, measure_pages, report_pages

STATIC_DIR = Path(__file__).parent / "static"
VENDOR_FILES = ("vega-bundle.js", "utrecht-components.css", "voorbeeld-theme.css")
PREFIX = "/werkplaats"

router = APIRouter(include_in_schema=False)
router.include_router(auth.router)
router.include_router(endpoints.router)
router.include_router(report_pages.router)
router.include_router(cell_pages.router)
router.include_router(measure_pages.router)


class AssetsMissing(RuntimeError):
    pass


def static_files() -> StaticFiles:
    """The workbench's static files; raises when the vendored libraries are not installed."""
    missing = [name for name in VENDOR_FILES if not (STATIC_DIR / "vendor" / name).is_file()]
    if missing:
        raise AssetsMissing(f"Werkplaats assets missing in {STATIC_DIR / 'vendor'}: {', '.join(missing)}. Run "
                            "scripts/bootstrap.sh (or gateway/workbench-web/vendor.sh) to install them.")
    return StaticFiles(directory=STATIC_DIR)
