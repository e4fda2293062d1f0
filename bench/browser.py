"""Headless Chromium for the browser tests and the explorer benchmark: Debian's `chromium`
package driven by Playwright's Python API (nothing downloaded at run time), on pages the hub
serves on loopback. Any request to another host is refused, so a page that needs a CDN fails."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, ConsoleMessage, Page, Route, async_playwright

CHROMIUM = os.environ.get("UCCN_CHROMIUM", "") or shutil.which("chromium") or "/usr/bin/chromium"
# WebGL without a GPU (SwiftShader); no background traffic to hosts this machine cannot reach.
FLAGS = [
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--ignore-gpu-blocklist",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("UCCN_SCREENSHOT_DIR", "var/screenshots"))


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            await browser.close()


@dataclass(slots=True)
class Watched:
    """A page whose console errors, uncaught exceptions and off-host requests are recorded."""

    page: Page
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


async def watched_page(
    browser: Browser, base: str, width: int = 1280, height: int = 800
) -> Watched:
    page = await browser.new_page(viewport={"width": width, "height": height})
    watched = Watched(page)
    host = urlsplit(base).netloc

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watched.errors.append(message.text)

    async def route(request_route: Route) -> None:
        url = request_route.request.url
        if urlsplit(url).netloc == host or url.startswith("data:"):
            await request_route.continue_()
        else:
            watched.refused.append(url)
            await request_route.abort()

    page.on("console", console)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    await page.route("**/*", route)
    return watched


async def screenshot(page: Page, name: str) -> Path:
    """Saved under `SCREENSHOTS` (Playwright makes the folder)."""
    path = SCREENSHOTS / name
    await page.screenshot(path=str(path))
    return path
