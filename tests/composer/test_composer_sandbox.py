"""The sandbox refuses escape payloads before running them, and caps size and work without allocating."""

from __future__ import annotations

import tracemalloc

import pytest

from composer import ComposerError
from composer.errors import TemplateError
from composer.templates.rules import SandboxRefusal
from composer.templates.sandbox import TemplateSandbox, render


class Spy:
    """A context callable: if a template runs at all, `calls` grows."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return ""


def run(source: str, **context: object) -> str:
    env = TemplateSandbox()
    return render(env.from_string(source), context)


ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].popen('id') }}",
    "{{ '{0.__class__}'.format(lead) }}",
    "{{ ''|attr('__class__') }}",
    "{{ lead|attr('__init__') }}",
    "{{ lead['__class__'] }}",
    "{{ self._TemplateReference__context }}",
    "{{ lead.items|map(attribute='__self__')|list }}",
    "{{ namespace(x=1) }}{% set ns.x = 2 %}",
    "{% for x in lead recursive %}{{ loop(x) }}{% endfor %}",
    "{% include lead.name %}",
    "{{ 'x'.ljust(10) }}",
    "{% set _charge = 0 %}",
    "{{ lead|center(10) }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_escape_payloads_are_refused_before_anything_runs(payload):
    # refused while compiling: there is no template object, so not even line 1 can run
    with pytest.raises(SandboxRefusal) as caught:
        TemplateSandbox().from_string("{{ spy() }}\n" + payload)
    assert caught.value.lineno == 2


def test_a_refused_template_in_the_store_never_runs_its_other_lines(tmp_path):
    from composer import TemplateStore

    spy = Spy()
    store = TemplateStore(tmp_path, overlay={"messages/evil/en.j2": "{{ spy() }}\n{{ ''.__class__ }}"})
    with pytest.raises(ComposerError, match="line 2"):
        store.render("messages/evil/en.j2", {"spy": spy})
    assert spy.calls == 0


def test_refusals_are_one_line_template_errors_from_the_store(tmp_path):
    from composer import TemplateStore

    store = TemplateStore(tmp_path)
    report = store.validate("messages/evil/en.j2", "Subject: x\n\n{{ cycler.__init__.__globals__ }}")
    assert not report.ok
    assert report.errors[0].line == 3
    assert "__globals__" in report.errors[0].message
    with pytest.raises(ComposerError, match="line 3"):
        store.save("messages/evil/en.j2", "Subject: x\n\n{{ cycler.__init__.__globals__ }}")
    assert not (tmp_path / "templates" / "messages" / "evil" / "en.j2").exists()


def test_dynamic_escapes_are_stopped_at_runtime():
    # "_" built at run time slips past the static check; Jinja's sandbox still refuses the attribute
    with pytest.raises(TemplateError, match="unsafe"):
        run("{% set u = (()|select|string|list)[24] %}{{ ''[u ~ u ~ 'class' ~ u ~ u] }}")


def test_huge_string_multiplication_is_refused_without_allocating_it():
    tracemalloc.start()
    try:
        with pytest.raises(TemplateError, match="longer than"):
            run("{{ 'x' * 10**8 }}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("{{ [1, 2] * 10**6 }}", "longer than"),
        ("{{ 9 ** 9999 }}", "too large"),
        ("{% set s = 'x' * 20000 %}{{ s ~ s }}", "longer than"),
        ("{% set s = 'x' * 20000 %}{{ s + s }}", "longer than"),
        ("{{ 'ab'|replace('', 'y' * 10000) }}", "longer than"),
        ("{% set s = 'x' * 15000 %}{{ [s, s]|join }}", "longer than"),
        ("{% set s = 'x' * 15000 %}{{ '-'.join([s, s]) }}", "longer than"),
        ("{{ range(10**6)|list|length }}", "range"),
        ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}", "too much work"),
        (
            "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
            "too much work",
        ),
        (
            "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ d('x', 40) }}",
            "longer than",
        ),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself"),
        ("{{ '%s' % 1 }}", "formatting"),
        ("{{ [1, 2] }}", "cannot be printed"),
        ("{{ {'a': 1} }}", "cannot be printed"),
    ],
)
def test_size_and_work_caps(source, fragment):
    with pytest.raises(TemplateError, match=fragment):
        run(source)


def test_output_is_capped():
    with pytest.raises(TemplateError, match="output is longer"):
        run("{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}")


def test_ordinary_templates_still_work():
    out = run(
        "{% for s in skills %}{{ s|lower }}{{ ', ' if not loop.last }}{% endfor %} "
        "{{ name|ucfirst }} {{ none }}{{ 'Hello'|lcfirst }} {{ 'I am'|lcfirst }} {{ 'done'|sentence }}",
        skills=["SQL", "Python"],
        name="maria",
        none=None,
    )
    assert out == "sql, python Maria hello I am done."


def test_missing_variables_are_errors_in_plain_words_not_blanks():
    with pytest.raises(TemplateError, match="unknown field `compnay`") as caught:
        run("{{ lead.compnay }}", lead={"company": "Acme"})
    assert "dict object" not in str(caught.value)
    with pytest.raises(TemplateError, match="unknown variable `leed`"):
        run("{{ leed }}")


class _Plant:
    """Unpickling this creates the marker file: proof that a cache file was loaded."""

    def __init__(self, marker) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _poisoned(marker) -> bytes:
    import pickle

    from jinja2.bccache import bc_magic

    return bc_magic + pickle.dumps(_Plant(marker)) + b"\0" * 16


def _one_draft(data_dir, key_file):
    from composer import SAMPLE_LEAD, SAMPLE_SENDER, Settings, TemplateStore, compose

    store = TemplateStore(data_dir, cache_key=key_file)
    # an edited strategy template: the draft goes through Jinja and its compiled cache
    override = data_dir / "templates" / "messages" / "rabt" / "en.j2"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("{#- edited -#}\n" + store.default_source("messages/rabt/en.j2"), encoding="utf-8")
    return compose(SAMPLE_LEAD, SAMPLE_SENDER, Settings(), store=store)[0]


def test_a_planted_bytecode_cache_file_never_runs(tmp_path):
    data_dir, key_file, marker = tmp_path / "data", tmp_path / "config" / "key", tmp_path / "pwned"
    first = _one_draft(data_dir, key_file)
    cache_files = sorted((data_dir / "cache").rglob("*.cache"))
    assert cache_files, "the first draft filled the cache"
    # every file the program wrote, and every name Jinja's own file cache would read, gets a pickle
    for path in cache_files:
        path.write_bytes(_poisoned(marker))
        path.with_name(path.name.replace("signed-", "__jinja2_")).write_bytes(_poisoned(marker))
    again = _one_draft(data_dir, key_file)
    assert not marker.exists()
    assert again.text() == first.text()
    # the rejected files were compiled afresh and signed again: the next run loads them
    assert all(path.read_bytes()[:32] != _poisoned(marker)[:32] for path in cache_files)
    assert _one_draft(data_dir, key_file).text() == first.text()
    assert not marker.exists()


def test_a_cache_signed_by_another_install_is_ignored(tmp_path):
    import hashlib
    import hmac
    import secrets

    data_dir, marker = tmp_path / "data", tmp_path / "pwned"
    _one_draft(data_dir, tmp_path / "mine")
    for path in (data_dir / "cache").rglob("*.cache"):
        payload = _poisoned(marker)
        path.write_bytes(hmac.new(secrets.token_bytes(32), payload, hashlib.sha256).digest() + payload)
    _one_draft(data_dir, tmp_path / "mine")
    assert not marker.exists()


def test_without_a_readable_secret_there_is_no_cache_and_drafts_still_work(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_bytes(b"short")  # not a secret this program wrote
    draft = _one_draft(tmp_path / "data", key_file)
    assert draft.body
    assert not list((tmp_path / "data" / "cache").rglob("*.cache"))
    assert key_file.read_bytes() == b"short"
