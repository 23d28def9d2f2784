"""Health check of a Vertelpunt unit image: GET /health on the unit's port; exit 0 when one answers 200.

VERTELPUNT_HEALTH lists `SETTING=default` pairs (comma separated): the port is the environment variable SETTING if
set, else the default. The intake image lists both the intake's HTTP port and the relay's health port, since one
image runs either (`serve` or `relay`); whichever runs in this container answers.
"""

import os
import sys
import urllib.request


def main() -> int:
    for pair in filter(None, os.environ.get("VERTELPUNT_HEALTH", "").split(",")):
        name, _, default = pair.partition("=")
        port = os.environ.get(name.strip(), default.strip())
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=4) as answer:
                if answer.status == 200:
                    return 0
        except OSError:
            continue
    print("no /health answered on", os.environ.get("VERTELPUNT_HEALTH"), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
