"""`vertelpunt exchange export|import|from-csv`: signified stories in the `vertelpunt-export` format (docs/exchange.md),
through a municipality's intake API (never its tables).

Export streams the document to a file as the intake sends it. Import checks the whole document against the
published schema first, then sends it in parts that fit the intake's request limit; each part is one transaction
at the intake, and a story already imported from the same source is skipped, so after a refused part the command
can simply be run again once the document is fixed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import httpx
import typer
from rich.console import Console

from vertelpunt.cli.demo import platform_settings
from vertelpunt.cli.exchange_csv import CsvMapping, csv_to_document
from vertelpunt.cli.onboarding import TenantConfig
from vertelpunt.cli.seeding import user_token
from vertelpunt.cli.stack.settings import StackSettings
from vertelpunt.intake.exchange.document import schema_errors

app = typer.Typer(help="Export and import signified stories (vertelpunt-export v1) through an intake's API.",
                  no_args_is_help=True)
console = Console(stderr=True)
EXPORT_PATH = "/api/v1/exchange/export"
IMPORT_PATH = "/api/v1/exchange/import"
# Below the intake's default request limit (VERTELPUNT_INTAKE_MAX_BODY_BYTES, 256 KiB).
DEFAULT_PART_BYTES = 200_000


class ExchangeError(Exception):
    """The intake refused, or the document cannot be sent: a message for the operator, and the problem's
    invalidParams when there are any."""

    def __init__(self, message: str, invalid: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.invalid = invalid or []


def _problem(response: httpx.Response, story_offset: int = 0) -> ExchangeError:
    try:
        problem = response.json()
    except ValueError:
        return ExchangeError(f"HTTP {response.status_code}: {response.text[:200]}")
    invalid = [dict(p, pointer=shift_pointer(p.get("pointer", p.get("name", "")), story_offset))
               for p in problem.get("invalidParams", [])]
    return ExchangeError(f"{problem.get('title', response.status_code)} {problem.get('detail', '')}".strip(), invalid)


def shift_pointer(pointer: str, offset: int) -> str:
    """A pointer into one part (/stories/3/...) as a pointer into the whole document."""
    found = re.match(r"^/stories/(\d+)(.*)$", pointer)
    return f"/stories/{int(found.group(1)) + offset}{found.group(2)}" if found else pointer


def download(client: httpx.Client, base_url: str, token: str, params: dict[str, str], purpose: str | None,
             target: BinaryIO) -> int:
    """Streams the export into `target`; returns the bytes written."""
    headers = {"Authorization": f"Bearer {token}", **({"X-Access-Purpose": purpose} if purpose else {})}
    written = 0
    with client.stream("GET", f"{base_url}{EXPORT_PATH}", params=params, headers=headers) as response:
        if response.status_code != 200:
            response.read()
            raise _problem(response)
        for chunk in response.iter_bytes():
            target.write(chunk)
            written += len(chunk)
    return written


def _size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def parts(document: dict[str, Any], max_bytes: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index of its first story, part): each part a complete document with the framework versions and campaigns
    its stories use, and as many stories as fit in `max_bytes`."""
    head = {k: v for k, v in document.items() if k not in ("stories", "frameworks", "campaigns")}
    frameworks = {f["version"]: f for f in document["frameworks"]}
    campaigns = {c["id"]: c for c in document.get("campaigns", [])}

    def part(stories: list[dict[str, Any]]) -> dict[str, Any]:
        versions = dict.fromkeys(s["frameworkVersion"] for s in stories)
        used = dict.fromkeys(s["campaignId"] for s in stories if s.get("campaignId"))
        return {**head, "frameworks": [frameworks[v] for v in versions if v in frameworks],
                "campaigns": [campaigns[c] for c in used if c in campaigns], "stories": stories}

    start, current = 0, []
    for index, story in enumerate(document["stories"]):
        if current and _size(part([*current, story])) > max_bytes:
            yield start, part(current)
            start, current = index, []
        current.append(story)
    if current or not document["stories"]:
        yield start, part(current)


def upload(client: httpx.Client, base_url: str, token: str, document: dict[str, Any],
           max_bytes: int = DEFAULT_PART_BYTES, progress: Callable[[int, int], None] = lambda done, total: None
           ) -> dict[str, int]:
    """Imports the document part by part; returns the counts of imported and already imported stories."""
    errors = schema_errors(document)
    if errors:
        raise ExchangeError("the document does not match the schema; nothing was sent",
                            [{"pointer": e.pointer, "code": e.code, "reason": e.reason} for e in errors])
    totals = {"imported": 0, "alreadyImported": 0}
    headers = {"Authorization": f"Bearer {token}"}
    for offset, part in parts(document, max_bytes):
        response = client.post(f"{base_url}{IMPORT_PATH}", json=part, headers=headers)
        if response.status_code != 200:
            error = _problem(response, offset)
            if offset:  # the intake's "nothing stored" is about this part only
                error.args = (f"refused in the part from story {offset}; the {offset} stories before it were "
                              f"imported, and importing again skips them",)
            raise error
        report = response.json()
        totals["imported"] += report["imported"]
        totals["alreadyImported"] += report["alreadyImported"]
        progress(offset + len(part["stories"]), len(document["stories"]))
    return totals


# -- the commands ----------------------------------------------------------------------------------------------------
Tenant = Annotated[str, typer.Option(help="CBS code of the municipality, e.g. GM0193")]
Url = Annotated[str | None, typer.Option(help="The intake's address; default: the local one of --tenant")]
User = Annotated[str | None, typer.Option(help="Log in as this user (an administrator or analyst)")]
Password = Annotated[str | None, typer.Option(envvar="VERTELPUNT_PASSWORD", help="The user's password")]
Token = Annotated[str | None, typer.Option(envvar="VERTELPUNT_TOKEN", help="A bearer token instead of a user")]


def _intake_url(tenant: str, url: str | None) -> str:
    if url:
        return url.rstrip("/")
    config = TenantConfig.load(platform_settings(StackSettings()).tenants_dir, tenant)
    if config is None:
        raise typer.BadParameter(f"{tenant} is not onboarded on this machine; give --url", param_hint="--tenant")
    return f"http://127.0.0.1:{config.port}"


def _token(token: str | None, user: str | None, password: str | None) -> str:
    if token:
        return token
    if not user:
        raise typer.BadParameter("give --user (with --password or VERTELPUNT_PASSWORD) or --token")
    secret = password if password is not None else typer.prompt(f"password of {user}", hide_input=True)
    return user_token(StackSettings().keycloak_url, user, secret)


def _fail(error: ExchangeError) -> None:
    console.print(f"[red]✗[/] {error}", soft_wrap=True)
    for item in error.invalid:
        console.print(f"  {item.get('pointer') or '/'}: {item.get('reason', item.get('code', ''))}", soft_wrap=True)
    raise typer.Exit(1)


@app.command("export")
def export_command(
    tenant: Tenant, output: Annotated[Path, typer.Option("--output", "-o", help="The file to write")],
    url: Url = None, user: User = None, password: Password = None, token: Token = None,
    told_from: Annotated[str | None, typer.Option("--from", help="Told on or after this day (YYYY-MM-DD)")] = None,
    told_to: Annotated[str | None, typer.Option("--to", help="Told on or before this day (YYYY-MM-DD)")] = None,
    campaign: Annotated[str | None, typer.Option(help="Only this campaign (its id)")] = None,
    raw: Annotated[bool, typer.Option(help="The original text instead of the anonymised text (logged)")] = False,
    purpose: Annotated[str | None, typer.Option(help="Why raw stories are read (required with --raw)")] = None,
) -> None:
    """Write the municipality's shareable stories, with their answers and framework, to a file."""
    params = {k: v for k, v in (("toldFrom", told_from), ("toldTo", told_to), ("campaignId", campaign)) if v}
    if raw:
        params["text"] = "raw"
    base = _intake_url(tenant, url)
    bearer = _token(token, user, password)
    partial = output.with_name(output.name + ".part")
    try:
        with httpx.Client(timeout=httpx.Timeout(30, read=300)) as client, partial.open("wb") as target:
            written = download(client, base, bearer, params, purpose, target)
    except ExchangeError as error:
        partial.unlink(missing_ok=True)
        _fail(error)
    partial.replace(output)  # a file under the final name is always complete
    console.print(f"[green]✓[/] {output} ({written:,} bytes)")


@app.command("import")
def import_command(
    tenant: Tenant, file: Annotated[Path, typer.Argument(help="A vertelpunt-export document (JSON)")],
    url: Url = None, user: User = None, password: Password = None, token: Token = None,
    part_bytes: Annotated[int, typer.Option(help="Largest request in bytes")] = DEFAULT_PART_BYTES,
) -> None:
    """Import the stories of a document into the municipality (as its administrator)."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise typer.BadParameter(f"cannot read {file}: {error}") from None
    base = _intake_url(tenant, url)
    bearer = _token(token, user, password)
    try:
        with httpx.Client(timeout=httpx.Timeout(30, read=600)) as client:
            totals = upload(client, base, bearer, document, part_bytes,
                            lambda done, total: console.print(f"   {done}/{total}", end="\r"))
    except ExchangeError as error:
        _fail(error)
    console.print(f"\n[green]✓[/] {totals['imported']} imported, {totals['alreadyImported']} already there")


@app.command("from-csv")
def from_csv_command(
    file: Annotated[Path, typer.Argument(help="A CSV export of another narrative tool (one story a row)")],
    mapping: Annotated[Path, typer.Option(help="Which column holds what (docs/exchange.md, 'From a CSV')")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The vertelpunt-export document to write")],
    framework: Annotated[Path | None, typer.Option(help="The framework (JSON, as GET /api/v1/framework gives it); "
                                                        "default: read from --tenant's intake")] = None,
    tenant: Annotated[str | None, typer.Option(help="CBS code whose framework the columns map onto")] = None,
    url: Url = None,
) -> None:
    """Turn another tool's CSV (triads and sliders in 0..100) into a vertelpunt-export document."""
    if framework is not None:
        definition = json.loads(framework.read_text(encoding="utf-8"))
    elif tenant is not None:
        definition = httpx.get(f"{_intake_url(tenant, url)}/api/v1/framework", timeout=30).raise_for_status().json()
    else:
        raise typer.BadParameter("give --framework or --tenant")
    with file.open(encoding="utf-8-sig", newline="") as rows:
        document, problems = csv_to_document(rows, CsvMapping.model_validate_json(mapping.read_text("utf-8")),
                                             definition)
    if problems:
        for problem in problems:
            console.print(f"  {problem}")
        console.print(f"[red]✗[/] {len(problems)} problems; nothing written")
        raise typer.Exit(1)
    output.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    console.print(f"[green]✓[/] {output}: {len(document['stories'])} stories")
