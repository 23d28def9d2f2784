"""Fail when an installed dependency's licence is not known to be compatible with EUPL-1.2.

Permissive licences (MIT, BSD, Apache, ISC, PSF, Zlib, CC0) and weak copyleft (MPL-2.0, LGPL) can be combined
with EUPL-1.2 code; LGPL and MPL are also in the EUPL's own list of compatible licences. Strong copyleft (GPL,
AGPL) and unknown licences need a human decision, recorded in REVIEWED below with the reason.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

ALLOWED = re.compile(
    r"^(MIT|MIT-0|BSD|BSD-2-Clause|BSD-3-Clause|0BSD|3-Clause BSD|Apache|Apache-2\.0|ISC|PSF|PSF-2\.0|Zlib|"
    r"CC0-1\.0|Unlicense|EUPL|EUPL-1\.2|MPL-2\.0|Mozilla Public License 2\.0|LGPL|LGPL-2\.1|LGPL-3\.0|"
    r"Python Software Foundation|The Unlicense|DFSG approved|HPND|GNU Lesser General Public|LGPLv)",
    re.IGNORECASE,
)

# Packages whose metadata is missing or ambiguous, checked by hand: name -> reason.
REVIEWED: dict[str, str] = {
    "pyphen": "tri-licensed GPL-2.0+ / LGPL-2.1+ / MPL-1.1 (the user chooses); used under LGPL-2.1+, which the "
              "EUPL lists as compatible. Hyphenation for WeasyPrint (period report PDF).",
}


def licence_terms(licence: str) -> list[str]:
    """Split an SPDX-like expression or a classifier list into its single licences."""
    parts = re.split(r"\s+(?:AND|OR)\s+|;\s*", licence.replace("(", "").replace(")", ""))
    return [p.strip().removesuffix(" License").removesuffix(" Licence") for p in parts if p.strip()]


def main() -> int:
    output = subprocess.run(
        [sys.executable, "-m", "piplicenses", "--format=json", "--from=mixed"],
        capture_output=True, text=True, check=True,
    ).stdout
    problems = []
    for package in json.loads(output):
        name, licence = package["Name"], package["License"]
        if name.startswith("vertelpunt") or name in REVIEWED:
            continue
        terms = licence_terms(licence)
        if not terms or not all(ALLOWED.match(term) for term in terms):
            problems.append(f"{name} {package['Version']}: {licence}")
    if problems:
        print("Dependencies with a licence not known to be EUPL-1.2 compatible:", *problems, sep="\n  ")
        return 1
    print(f"all {len(json.loads(output))} dependency licences are EUPL-1.2 compatible")
    return 0


if __name__ == "__main__":
    sys.exit(main())
