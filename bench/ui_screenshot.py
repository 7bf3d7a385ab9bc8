"""Screenshots of the web UI for the README: the seed corpus run into a temporary store, the
app served on a loopback port, pages captured by headless Chromium (Debian's `chromium` and
`chromedriver`, through Selenium).

    .venv/bin/python bench/ui_screenshot.py                      # docs/img/timeline.png
    .venv/bin/python bench/ui_screenshot.py --db my.db --page "/network" --out /tmp/network.png

The test suite takes its own screenshots into a temporary folder; this script is the one
deliberate step that updates the picture in the README.
"""

from __future__ import annotations

import argparse
import logging
import socket
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGE = "/timeline?from=2021-07-20&to=2021-11-10"

log = logging.getLogger("ui_screenshot")


def seeds_store(shared: Path, folder: Path) -> Path:
    from storyline import Storyline

    db = folder / "seeds.db"
    with Storyline(db, progress=False) as sl:
        sl.run([shared / "corpus" / "seeds"])
    return db


def serve(db: Path) -> tuple[str, object, threading.Thread]:
    import uvicorn

    from storyline.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def capture(url: str, out: Path, width: int, height: int) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage",
                 "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        inner = int(driver.execute_script("return window.innerHeight"))
        driver.set_window_size(width, height + (height - inner))  # the viewport, not the window, is `height`
        driver.get(url)
        out.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(out))
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (seeds)")
    parser.add_argument("--db", type=Path, help="an existing store instead of a fresh run of the seeds")
    parser.add_argument("--page", default=DEFAULT_PAGE, help="the page to capture (path and query)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "timeline.png")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=760)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or seeds_store(args.shared, Path(folder))
        base, server, thread = serve(db)
        try:
            capture(base + args.page, args.out, args.width, args.height)
        finally:
            server.should_exit = True  # type: ignore[attr-defined]
            thread.join(timeout=10)
    log.info("%s: %d bytes", args.out, args.out.stat().st_size)


if __name__ == "__main__":
    main()
