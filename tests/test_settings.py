"""Settings: packaged defaults, a user's file overriding only what it sets, and a
one-line error for a typo or a wrong type (through the real CLI)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from warta.settings import load_options


def test_defaults_come_from_the_packaged_file(monkeypatch):
    monkeypatch.delenv("WARTA_CONFIG")  # conftest points it at the rule coder's test settings
    options = load_options()
    assert (options.story_window_days, options.ner_model, options.coder, options.encoding) == (3, True, "model", "utf-8")


def test_a_user_file_overrides_only_what_it_sets_in_a_section_or_not(tmp_path: Path):
    user = tmp_path / "mine.toml"
    user.write_text("ner_model = false\n[stories]\nstory_window_days = 7\n", encoding="utf-8")
    options = load_options(user)
    assert (options.story_window_days, options.ner_model, options.encoding) == (7, False, "utf-8")


def test_unknown_or_mistyped_settings_are_one_line_errors(tmp_path: Path):
    typo = tmp_path / "typo.toml"
    typo.write_text("[stories]\nstory_window = 7\n", encoding="utf-8")
    result = run_cli("--config", str(typo), "ingest", "nothing.txt", "--db", str(tmp_path / "x.db"))
    assert (result.exit_code, result.stderr) == (2, f"warta: {typo}: unknown setting 'story_window'\n")
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("ner_model = 'yes'\n", encoding="utf-8")
    result = run_cli("--config", str(wrong), "ingest", "nothing.txt", "--db", str(tmp_path / "x.db"))
    assert (result.exit_code, result.stderr) == (2, f"warta: {wrong}: setting 'ner_model' must be bool\n")


def test_serve_runs_with_the_settings_of_config(tmp_path: Path, monkeypatch):
    user = tmp_path / "mine.toml"
    user.write_text("[stories]\nstory_window_days = 7\n", encoding="utf-8")
    served = {}
    monkeypatch.setattr("warta.views.web.serve", lambda db, **kwargs: served.update(kwargs))
    result = run_cli("--config", str(user), "serve", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0
    assert served["options"].story_window_days == 7


def test_cli_version_and_python_m_warta():
    """Issue 19: no --version, no `python -m warta`."""
    import subprocess
    import sys
    from pathlib import Path

    from warta import __version__

    for command in ([str(Path(sys.executable).with_name("warta"))], [sys.executable, "-m", "warta"]):
        result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=120)
        assert (result.returncode, result.stdout, result.stderr) == (0, f"warta {__version__}\n", "")


def test_cli_start_up_imports_no_pipeline_store_or_scipy():
    """Issue 19: every command spent ~1.1 s importing before it worked, half of it
    datasketch loading scipy. Commands now import what they need when they run: the
    command group alone loads no pipeline, store, exporter, datasketch, scipy or numpy
    (bench/robustness.py startup measures the time)."""
    import subprocess
    import sys

    probe = ("import sys; import warta.views.cli; print(' '.join(sorted(m for m in sys.modules"
             " if m.split('.')[0] in ('scipy', 'datasketch', 'numpy', 'pyarrow', 'trafilatura')"
             " or m.startswith(('warta.store', 'warta.pipeline', 'warta.events', 'warta.views.export')))))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "\n", "")


def test_cli_help_loads_no_click_markdown_or_settings_and_prints_the_same():
    """Issue 19: `warta --help` took over 0.3 s. Besides the commands' own imports, it
    loaded the click package (typer brings its own), rich.markdown with markdown-it
    (typer's help formatter imports it for a markup mode warta does not use) and the
    settings with tomllib. None is loaded now, and the help is the same as with
    rich.markdown loaded first (bench/robustness.py startup measures the time)."""
    import subprocess
    import sys

    probe = ("import sys; from warta.views.cli import main; sys.argv = ['warta', '--help']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'markdown_it', 'tomllib')"
             " or m == 'warta.settings'), file=sys.stderr)")
    helped = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert (helped.returncode, helped.stderr) == (0, "[]\n")
    loaded = subprocess.run([sys.executable, "-c", "import rich.markdown\n" + probe], capture_output=True, text=True,
                            timeout=120)
    assert loaded.stdout == helped.stdout and "Commands" in helped.stdout
