"""The documentation stays true to the code (fast: no models are loaded).

* every ``sigact`` command has help text ending with an ``Example:`` line that uses real options,
  and every option has help (known gaps listed below, owned by the command authors);
* ``docs/cli.md`` is what ``tools/gen_cli_docs.py`` generates now, at any terminal width;
* every ``SIG-Exxx`` code set in ``src/sigact`` is in ``docs/errors.md`` and every code there is used,
  codes sit in the family of the exception that carries them, and the tree shows every class;
* every relative link in README.md and docs/*.md resolves (files and ``#anchors``), and
  ``docs/index.md`` lists every page of ``docs/``;
* every ``sigact <command> --option`` shown in README.md and docs/*.md exists, every repository path
  they name exists, every ``sigact.x.y`` they name imports, and their Python snippets call the real API;
* the JSON example of ``docs/schema.md`` round-trips through ``Event``; ``docs/api.md`` lists exactly
  the served endpoints.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import inspect
import re
import shlex
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "sigact"
DOCS = ROOT / "docs"
README = ROOT / "README.md"
ERRORS_MD = DOCS / "errors.md"


def _load_generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "tools" / "gen_cli_docs.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_cli_docs", mod)
    spec.loader.exec_module(mod)
    return mod


gen = _load_generator()
CONTEXTS = {ctx.command_path: ctx for ctx in gen.iter_commands(gen.root_context())}
COMMANDS = [path for path in CONTEXTS if path != "sigact"]

# Commands whose docstring has no closing ``Example:`` line yet.  Their modules belong to other
# engineers; this list only shrinks (an entry whose command gained an example shows as XPASS).
KNOWN_WITHOUT_EXAMPLE: set[str] = set()


# ---------------------------------------------------------------- commands and their help


def _help_text(cmd: click.Command) -> str:
    """The part of a command's docstring that ``--help`` shows (click cuts it at ``\\f``)."""
    return inspect.cleandoc(cmd.help or "").partition("\f")[0].strip()


def _option_names(ctx: click.Context) -> set[str]:
    """Every option spelling ``ctx.command`` accepts, the help option included."""
    names: set[str] = set()
    for p in ctx.command.get_params(ctx):
        if isinstance(p, click.Option):
            names.update(p.opts)
            names.update(p.secondary_opts)
    return names


def _example(cmd: click.Command) -> str | None:
    """The closing ``Example:`` paragraph of a command's help (joined to one line), or None."""
    paras = [p for p in re.split(r"\n\s*\n", _help_text(cmd)) if p.strip()]
    if not paras:
        return None
    lines = [ln.strip() for ln in paras[-1].splitlines() if ln.strip() and ln.strip() != "\b"]
    if not lines or not lines[0].startswith("Example:"):
        return None
    return " ".join(ln.rstrip("\\").strip() for ln in lines)[len("Example:"):].strip()


def test_the_cli_has_commands() -> None:
    assert {"extract", "ingest", "events", "eval"} <= {p.split()[-1] for p in COMMANDS}


@pytest.mark.parametrize("path", COMMANDS)
def test_command_has_help(path: str) -> None:
    cmd = CONTEXTS[path].command
    text = _help_text(cmd)
    assert len(text) >= 20, f"`{path}` has no help text (write a docstring)"
    assert cmd.get_short_help_str(limit=200).strip(), f"`{path}` has no one-line summary"


@pytest.mark.parametrize("path", [
    pytest.param(p, marks=pytest.mark.xfail(reason=f"{p} has no Example: line yet (owner to add)", strict=False))
    if p in KNOWN_WITHOUT_EXAMPLE else p
    for p in COMMANDS
])
def test_command_help_ends_with_a_working_example(path: str) -> None:
    ctx = CONTEXTS[path]
    example = _example(ctx.command)
    assert example is not None, f"the docstring of `{path}` must end with an 'Example: {path} ...' line"
    assert example == path or example.startswith(path + " "), f"`{path}` example runs another command: {example!r}"
    known = _option_names(ctx)
    for tok in _tokens(example[len(path):]):
        if _is_option(tok):
            assert tok.split("=")[0] in known, f"`{path}` example uses {tok!r}, which `{path}` does not accept"


# Options without a help string: none left; every option must have help.
KNOWN_OPTIONS_WITHOUT_HELP: set[tuple[str, str]] = set()


def test_options_have_help() -> None:
    bare = {(path, p.opts[-1]) for path, ctx in CONTEXTS.items() for p in ctx.command.params
            if isinstance(p, click.Option) and not p.hidden and not (p.help or "").strip()}
    assert bare <= KNOWN_OPTIONS_WITHOUT_HELP, f"options without help text: {sorted(bare - KNOWN_OPTIONS_WITHOUT_HELP)}"


def test_known_without_example_names_real_commands() -> None:
    assert KNOWN_WITHOUT_EXAMPLE <= set(COMMANDS), "remove commands that no longer exist from the list"


# ---------------------------------------------------------------- docs/cli.md


def test_cli_md_is_up_to_date() -> None:
    ok, hint = gen.check()
    assert ok, hint


def test_cli_md_does_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    narrow = gen.render()
    monkeypatch.setenv("COLUMNS", "250")
    wide = gen.render()
    assert narrow == wide


def test_cli_md_has_every_command_once() -> None:
    text = gen.render()
    for path in CONTEXTS:
        assert text.count(f"\n## {path}\n") == 1, path
        assert f"Usage: {path} " in text, path
    assert "Usage: sigact [OPTIONS] COMMAND" in text


def test_gen_check_reports_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "cli.md"
    stale.write_text(gen.render().replace("## sigact ", "## sigact-old ", 1), encoding="utf-8")
    ok, hint = gen.check(stale)
    assert not ok
    assert "gen_cli_docs.py" in hint and "sigact-old" in hint
    assert gen.main(["--check", "--output", str(stale)]) == 1
    assert gen.main(["--output", str(stale)]) == 0
    assert gen.check(stale) == (True, "")


# ---------------------------------------------------------------- error codes

_CODE = re.compile(r"SIG-E\d{3}")
_FAMILY = {"SigactError": "0", "InputError": "1", "ExtractionError": "2", "StoreError": "3", "ConfigError": "4"}


def _py_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@functools.lru_cache(maxsize=1)
def _src_trees() -> tuple[tuple[Path, ast.Module], ...]:
    """Every module of src/sigact, parsed once per test run."""
    return tuple((p, ast.parse(p.read_text(encoding="utf-8"))) for p in _py_files())


def _parse(paths: list[Path]) -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in paths]


def codes_in_code() -> dict[str, list[str]]:
    """Codes the code can raise -> files.

    A code counts when it is a whole string literal (``code="SIG-E101"``, class-level
    ``code = "SIG-E100"``, a default, a dict value); mentions inside docstrings and
    comments do not.
    """
    found: dict[str, list[str]] = {}
    for path, tree in _src_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _CODE.fullmatch(node.value):
                files = found.setdefault(node.value, [])
                if (rel := str(path.relative_to(ROOT))) not in files:
                    files.append(rel)
    return found


def _errors_md_rows() -> set[str]:
    return set(re.findall(r"^\|\s*(SIG-E\d{3})\s*\|", ERRORS_MD.read_text(encoding="utf-8"), re.M))


def test_codes_are_found_in_the_code() -> None:
    codes = codes_in_code()
    assert {"SIG-E000", "SIG-E100", "SIG-E200", "SIG-E300", "SIG-E400"} <= set(codes)
    assert len(codes) > 10


def test_every_code_in_the_code_is_documented() -> None:
    missing = {c: files for c, files in codes_in_code().items() if c not in _errors_md_rows()}
    assert not missing, f"add these codes to docs/errors.md: {missing}"


def test_every_documented_code_is_used() -> None:
    unused = _errors_md_rows() - set(codes_in_code())
    assert not unused, f"docs/errors.md documents codes no code sets any more: {sorted(unused)}"


def test_codes_mentioned_anywhere_exist() -> None:
    """Docstrings, comments, README and every docs page may only name codes that are set in the code."""
    used = set(codes_in_code())
    places = [*_py_files(), README, *sorted(DOCS.glob("*.md"))]
    bad = {str(p.relative_to(ROOT)): sorted(set(_CODE.findall(p.read_text(encoding="utf-8"))) - used)
           for p in places}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, f"codes named but never set in src/sigact: {bad}"


def _error_classes() -> dict[str, str]:
    """Every exception class in src/sigact that descends from SigactError -> its family digit."""
    bases: dict[str, list[str]] = {}
    for _path, tree in _src_trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = [b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else ""
                         for b in node.bases]
                bases.setdefault(node.name, names)

    def family(name: str, seen: frozenset[str] = frozenset()) -> str | None:
        if name in _FAMILY:
            return _FAMILY[name]
        for b in bases.get(name, []):
            if b not in seen and (f := family(b, seen | {name})) is not None:
                return f
        return None

    return {n: f for n in bases if (f := family(n)) is not None} | dict(_FAMILY)


def family_violations(trees: Iterable[tuple[Path, ast.Module]], classes: dict[str, str]) -> list[str]:
    """``file:line: Class with code`` for every code raised by (or set on) a class of another family."""
    wrong: list[str] = []
    for path, tree in trees:
        for node in ast.walk(tree):
            pairs: list[tuple[str, str]] = []
            if isinstance(node, ast.Call):
                fn = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                pairs = [(fn, kw.value.value) for kw in node.keywords
                         if kw.arg == "code" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)]
            elif isinstance(node, ast.ClassDef):
                pairs = [(node.name, st.value.value) for st in node.body
                         if isinstance(st, ast.Assign) and isinstance(st.value, ast.Constant)
                         and any(isinstance(t, ast.Name) and t.id == "code" for t in st.targets)]
            for cls, code in pairs:
                if cls in classes and _CODE.fullmatch(code) and code[5] != classes[cls]:
                    wrong.append(f"{path.name}:{node.lineno}: {cls} with {code}")
    return wrong


def test_codes_match_their_exception_family() -> None:
    """A SIG-E1xx is an InputError, SIG-E3xx a StoreError, ... (the tree in docs/errors.md says so)."""
    classes = _error_classes()
    assert classes.get("RejectInput") == "1"
    wrong = family_violations(_src_trees(), classes)
    assert not wrong, "codes outside their family: " + "; ".join(wrong)


def test_family_check_catches_a_mismatch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('def f():\n    raise StoreError("x", code="SIG-E101")\n'
                   'class E(InputError):\n    code = "SIG-E400"\n', encoding="utf-8")
    assert sorted(family_violations(_parse([bad]), {**_FAMILY, "E": "1"})) == ["bad.py:2: StoreError with SIG-E101",
                                                               "bad.py:3: E with SIG-E400"]


def test_errors_md_shows_every_exception_class() -> None:
    import sigact.errors as errors

    text = ERRORS_MD.read_text(encoding="utf-8")
    tree = text.split("## Exception tree", 1)[1].split("## ", 1)[0]
    defined = {n for n, obj in vars(errors).items()
               if inspect.isclass(obj) and issubclass(obj, errors.SigactError)}
    assert defined, "sigact.errors defines no exception classes"
    missing = sorted((defined | set(_error_classes())) - set(re.findall(r"\b\w+\b", tree)))
    assert not missing, f"add to the exception tree in docs/errors.md: {missing}"
    for name in defined:
        code = getattr(errors, name).code
        family = code[:6] + "xx" if code[6:] == "00" and code != "SIG-E000" else code
        assert re.search(rf"{name}\s+{family}", tree), f"the tree should show {name} with {family}"


# ---------------------------------------------------------------- links

_FENCE = re.compile(r"^(?P<f>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=f)[ \t]*$", re.M | re.S)
_INLINE = re.compile(r"(`+)(.+?)\1", re.S)
_LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML = re.compile(r"""<(?:a|img|source)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def _md_files() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def _prose(text: str) -> str:
    """Markdown without fenced code blocks and inline code (links there are not links)."""
    return _INLINE.sub("", _FENCE.sub("", text))


def links(path: Path) -> list[str]:
    """Every link target in a Markdown file, in order."""
    text = _prose(path.read_text(encoding="utf-8"))
    return _LINK.findall(text) + _REFDEF.findall(text) + _HTML.findall(text)


def slugs(path: Path) -> set[str]:
    """The GitHub anchors of the headings of a Markdown file (duplicates get -1, -2, ...)."""
    seen: dict[str, int] = {}
    out: set[str] = set()
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    for m in re.finditer(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", text, re.M):
        title = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))
        slug = re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    for m in re.finditer(r"""<a\s+(?:name|id)\s*=\s*["']([^"']+)["']""", text):
        out.add(m.group(1))
    return out


def test_link_parser_finds_links(tmp_path: Path) -> None:
    md = tmp_path / "x.md"
    md.write_text("see [a](a.md#top) and ![b](img/b.png \"t\")\n`[no](c.md)`\n\n```\n[no](d.md)\n```\n"
                  "[r]: ref.md\n<img src=\"e.png\">\n## Hello, `World` 2\n", encoding="utf-8")
    assert links(md) == ["a.md#top", "img/b.png", "ref.md", "e.png"]
    assert slugs(md) == {"hello-world-2"}


@pytest.mark.parametrize("md", _md_files(), ids=lambda p: p.name)
def test_relative_links_resolve(md: Path) -> None:
    broken: list[str] = []
    for target in links(md):
        if _SCHEME.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        file_part = file_part.split("?", 1)[0]
        dest = (md.parent / file_part).resolve() if file_part else md
        if not dest.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and dest.suffix == ".md" and anchor not in slugs(dest):
            broken.append(f"{target} (no heading #{anchor} in {dest.name})")
    assert not broken, f"{md.relative_to(ROOT)}: broken links: {broken}"


def test_index_lists_every_doc() -> None:
    listed = {t.partition("#")[0] for t in links(DOCS / "index.md")}
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    assert pages - listed == set(), f"add to docs/index.md: {sorted(pages - listed)}"


# ---------------------------------------------------------------- commands named in the docs

_SHELL_LANGS = {"", "bash", "sh", "shell", "console", "zsh"}
_INVOKE = re.compile(r"(?:^|[;&|(]\s*|\$\s+)(?:\w+=\S+\s+)*(?:[\w.$(){}/-]*/)?sigact[ \t]+(?P<rest>[^\n]*)", re.M)
_STOP = set("|;&<>()")


def _tokens(rest: str) -> list[str]:
    """Shell words of an invocation's arguments, up to the first pipe, redirect or separator."""
    lex = shlex.shlex(rest, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    try:
        toks = list(lex)
    except ValueError:  # an unbalanced quote in an illustrative snippet
        toks = rest.split()
    out: list[str] = []
    for t in toks:
        if t and set(t) <= _STOP:
            break
        out.append(t)
    return out


def _is_option(tok: str) -> bool:
    return tok.startswith("-") and tok != "-" and tok != "--" and not re.fullmatch(r"-[\d.]+", tok)


def snippets(path: Path) -> Iterator[str]:
    """Shell code of a Markdown file: fenced blocks in a shell language (or none) and inline code."""
    text = path.read_text(encoding="utf-8")
    for m in _FENCE.finditer(text):
        if m.group("info").strip().split(" ")[0].lower() in _SHELL_LANGS:
            yield re.sub(r"\\\n\s*", " ", m.group("body"))
    for m in _INLINE.finditer(_FENCE.sub("", text)):
        yield m.group(2)


def invocations(path: Path) -> list[list[str]]:
    """The argument words of every ``sigact ...`` command line shown in a Markdown file."""
    return [_tokens(m.group("rest")) for s in snippets(path) for m in _INVOKE.finditer(s)]


def check_invocation(words: list[str]) -> str | None:
    """None when ``sigact <words>`` names an existing command with options it accepts, else why not."""
    ctx = CONTEXTS["sigact"]
    path = "sigact"
    for w in words:
        w = w.strip("[]")  # usage-style "[--db URL]"
        if _is_option(w):
            if w.split("=")[0] not in _option_names(ctx):
                return f"`{path}` has no option {w.split('=')[0]}"
            continue
        if isinstance(ctx.command, click.Group):
            if not re.fullmatch(r"[a-z][a-z0-9-]*", w):
                return None  # a placeholder such as COMMAND or <cmd>
            if f"{path} {w}" not in CONTEXTS:
                return f"`{path} {w}` is not a command"
            path = f"{path} {w}"
            ctx = CONTEXTS[path]
    return None


def test_invocation_checker() -> None:
    assert check_invocation(["extract", "a.txt", "--published", "2024-01-24"]) is None
    assert check_invocation(["--help"]) is None
    assert check_invocation(["ingest", "--db=sqlite:///x.db", "-"]) is None
    assert check_invocation(["eval", "GOLD", "[--nope", "X]"]) == "`sigact eval` has no option --nope"
    assert check_invocation(["nosuchcmd"]) == "`sigact nosuchcmd` is not a command"
    assert check_invocation(["events", "--no-such-option"]) == "`sigact events` has no option --no-such-option"
    md = DOCS / "index.md"
    assert ["ingest", "/"] not in invocations(md)  # prose "sigact ingest" outside code is not an invocation


@pytest.mark.parametrize("md", [m for m in _md_files() if m.name != "cli.md"], ids=lambda p: p.name)
def test_commands_named_in_docs_exist(md: Path) -> None:
    bad = [f"sigact {' '.join(w)}: {why}" for w in invocations(md) if (why := check_invocation(w))]
    assert not bad, f"{md.relative_to(ROOT)} shows commands that do not work: {bad}"


def test_readme_names_the_main_commands() -> None:
    named = {w[0] for w in invocations(README) if w and not _is_option(w[0])}
    assert {"extract", "ingest", "events", "eval"} <= named


# ---------------------------------------------------------------- paths, Python and JSON shown in the docs

_REPO_PATH = re.compile(r"(?<![\w/.~$-])(?:src|docs|tests|tools|examples|benchmarks|scripts|\.ci)/[\w./*-]*")


def repo_paths(path: Path) -> list[str]:
    """Repository paths (``src/...``, ``docs/...``, ``examples/...``, ...) named anywhere in a Markdown file."""
    return [m.rstrip(".,") for m in _REPO_PATH.findall(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("md", [m for m in _md_files() if m.name != "cli.md"], ids=lambda p: p.name)
def test_repository_paths_named_in_docs_exist(md: Path) -> None:
    missing = [p for p in repo_paths(md) if not (any(ROOT.glob(p)) if "*" in p else (ROOT / p).exists())]
    assert not missing, f"{md.relative_to(ROOT)} names files that do not exist: {missing}"


def python_blocks(path: Path) -> list[str]:
    """The fenced ``python`` code blocks of a Markdown file."""
    return [m.group("body") for m in _FENCE.finditer(path.read_text(encoding="utf-8"))
            if m.group("info").strip().split(" ")[0].lower() in ("python", "py")]


def check_python(code: str) -> list[str]:
    """Problems of a Python snippet: syntax, ``sigact`` imports and attributes that do not exist,
    and calls to sigact functions with keyword arguments or more positionals than they accept."""
    import importlib

    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return [f"syntax error: {exc}"]
    bound: dict[str, object] = {}
    problems: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "sigact":
                    try:
                        mod = importlib.import_module(a.name)
                    except ImportError as exc:
                        problems.append(f"import {a.name}: {exc}")
                        continue
                    bound[a.asname or a.name.split(".")[0]] = mod if a.asname else importlib.import_module("sigact")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sigact":
            try:
                mod = importlib.import_module(node.module)
            except ImportError as exc:
                problems.append(f"from {node.module}: {exc}")
                continue
            for a in node.names:
                if not hasattr(mod, a.name):
                    problems.append(f"{node.module} has no {a.name}")
                else:
                    bound[a.asname or a.name] = getattr(mod, a.name)

    def resolve(expr: ast.expr) -> tuple[bool, object]:
        if isinstance(expr, ast.Name):
            return (expr.id in bound), bound.get(expr.id)
        if isinstance(expr, ast.Attribute):
            known, obj = resolve(expr.value)
            if known:
                if not hasattr(obj, expr.attr):
                    problems.append(f"{ast.unparse(expr.value)} has no attribute {expr.attr}")
                    return False, None
                return True, getattr(obj, expr.attr)
        return False, None

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not isinstance(getattr(node, "ctx", None), ast.Store):
            resolve(node)
        if isinstance(node, ast.Call):
            known, fn = resolve(node.func)
            if not known or not callable(fn) or any(isinstance(a, ast.Starred) for a in node.args) \
                    or any(k.arg is None for k in node.keywords):
                continue
            try:
                sig = inspect.signature(fn)
            except (TypeError, ValueError):
                continue
            try:
                sig.bind_partial(*node.args, **{k.arg: None for k in node.keywords})
            except TypeError as exc:
                problems.append(f"{ast.unparse(node.func)}(...): {exc}")
    return sorted(set(problems))


def test_python_checker_finds_problems() -> None:
    assert check_python("import sigact\nsigact.extract('x', published='2024-01-01')\n") == []
    assert check_python("import sigact\nsigact.extract('x', nope=1)\n") == [
        "sigact.extract(...): got an unexpected keyword argument 'nope'"]
    assert check_python("from sigact.store import Store, NoSuch\n") == ["sigact.store has no NoSuch"]
    assert check_python("import sigact\nsigact.no_such_fn()\n") == ["sigact has no attribute no_such_fn"]
    assert check_python("from other_pkg import x\nx.y(1, z=2)\n") == []
    assert check_python("def f(:\n") and check_python("def f(:\n")[0].startswith("syntax error")


@pytest.mark.parametrize("md", [m for m in _md_files() if python_blocks(m)], ids=lambda p: p.name)
def test_python_in_docs_matches_the_api(md: Path) -> None:
    problems = [p for block in python_blocks(md) for p in check_python(block)]
    assert not problems, f"{md.relative_to(ROOT)}: {problems}"


# Fields of Event.to_dict() the field table of docs/schema.md does not list yet (owner: schema.md).
KNOWN_UNLISTED_FIELDS = {"schema_version"}


def test_schema_example_round_trips_and_its_fields_are_listed() -> None:
    import json

    from sigact.model import Event

    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    blocks = [m.group("body") for m in _FENCE.finditer(text) if m.group("info").strip() == "json"]
    assert blocks, "docs/schema.md has no JSON example"
    example = json.loads(blocks[0])
    assert Event.from_dict(example).to_dict() == example, "the example in docs/schema.md is not what Event writes"
    table = set(re.findall(r"^\|\s*(.+?)\s*\|", text, re.M))
    listed = {name.split(".")[0] for cell in table for name in re.findall(r"`([\w.]+)`", cell)}
    unlisted = set(example) - listed
    assert unlisted <= KNOWN_UNLISTED_FIELDS, f"docs/schema.md's field table lacks {sorted(unlisted)}"


_DOTTED = re.compile(r"(?<![\w/.:-])sigact(?:\.[A-Za-z_]\w*)+")
_FILE_SUFFIXES = {"db", "json", "jsonl", "yaml", "yml", "csv", "md", "txt", "png", "log", "parquet", "py", "gz"}


def dotted_names(path: Path) -> list[str]:
    """``sigact.x.y`` names written as inline code in a Markdown file (file names such as ``sigact.db`` left out)."""
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    return [n for m in _INLINE.finditer(text) for n in _DOTTED.findall(m.group(2))
            if n.rsplit(".", 1)[-1] not in _FILE_SUFFIXES]


def resolve_dotted(name: str) -> str | None:
    """None when ``name`` is an importable module or an attribute of one, else what is missing."""
    import importlib

    parts = name.split(".")
    obj: object = None
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
            break
        except ModuleNotFoundError as exc:
            if exc.name is None or not ".".join(parts[:i]).startswith(exc.name):
                raise
    for j in range(i, len(parts)):
        if not hasattr(obj, parts[j]):
            return f"{'.'.join(parts[:j])} has no {parts[j]}"
        obj = getattr(obj, parts[j])
    return None


def test_resolve_dotted() -> None:
    assert resolve_dotted("sigact.model.Event.to_dict") is None
    assert resolve_dotted("sigact.errors") is None
    assert resolve_dotted("sigact.model.Event.no_such") == "sigact.model.Event has no no_such"
    assert resolve_dotted("sigact.no_such_module.x") == "sigact has no no_such_module"


@pytest.mark.parametrize("md", [m for m in _md_files() if dotted_names(m)], ids=lambda p: p.name)
def test_sigact_names_in_docs_exist(md: Path) -> None:
    bad = {n: why for n in sorted(set(dotted_names(md))) if (why := resolve_dotted(n))}
    assert not bad, f"{md.relative_to(ROOT)} names code that does not exist: {bad}"


def test_api_endpoints_in_docs_match_the_routes() -> None:
    from fastapi import APIRouter

    import sigact.api.routes as routes

    def norm(path: str) -> str:
        return re.sub(r"\{[^}]*\}", "{}", path.split("?", 1)[0])

    served = {(m, norm(r.path)) for obj in vars(routes).values() if isinstance(obj, APIRouter)
              for r in obj.routes for m in (getattr(r, "methods", None) or ())}
    assert ("GET", "/events") in served
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = {(m, norm(p)) for m, p in re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`", text)}
    assert documented - served == set(), f"docs/api.md documents endpoints that do not exist: {documented - served}"
    assert served - documented == set(), f"docs/api.md does not document: {served - documented}"


def test_make_targets_named_in_docs_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w.-]+)\s*:(?!=)", makefile, re.M))
    assert {"demo", "test"} <= targets
    named = {(md.name, t) for md in _md_files() for s in snippets(md)
             for t in re.findall(r"(?:^|[;&|]\s*)make[ \t]+([a-z][\w-]*)", s, re.M)}
    assert ("README.md", "demo") in named and ("README.md", "test") in named
    missing = sorted((f, t) for f, t in named if t not in targets)
    assert not missing, f"docs name make targets the Makefile lacks: {missing}"
