"""Business logic never imports faust: only the stages' app.py, the streaming shell and the stage runner (with its
faust fixes and its web endpoint) do."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "services"
RUNTIME = SERVICES / "runtime"


def faust_imports(source: str) -> list[int]:
    """Line numbers of every import of faust (or a faust submodule), wherever it is in the module."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name == "faust" or name.startswith("faust.") for name in names):
            lines.append(node.lineno)
    return lines


def allowed(path: Path) -> bool:
    return path.name == "app.py" or path in {
        RUNTIME / "streaming.py", RUNTIME / "stage_worker.py", RUNTIME / "faust_fixes.py", RUNTIME / "batching.py",
        RUNTIME / "observability.py",
    }


def test_the_checker_sees_imports() -> None:
    assert faust_imports("import os, faust\n") == [1]
    assert faust_imports("def f():\n    from faust.types import EventT\n") == [2]
    assert faust_imports('"""from faust import App"""\nimport faustish\n') == []
    # The allowed files really do import faust: the scan below is not vacuous.
    assert faust_imports((RUNTIME / "streaming.py").read_text())
    assert faust_imports((RUNTIME / "stage_worker.py").read_text())


def test_only_apps_and_the_streaming_shell_import_faust() -> None:
    modules = sorted(SERVICES.rglob("*.py"))
    assert len(modules) > 20
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in modules
        if not allowed(path) and (lines := faust_imports(path.read_text()))
    }
    assert offenders == {}


def test_logic_modules_do_not_load_faust_indirectly() -> None:
    logic = [
        "services.runtime.pipeline", "services.cleaner.logic", "services.enricher.logic",
        "services.stories.embedded", "services.dedup.embedded", "services.runtime.in_memory",
        "services.cleaner.stage", "services.dedup.stage", "services.stories.stage",
        "services.contract.codec", "services.contract.deadletter", "services.contract.schema_files",
        "services.tools.feed_files", "services.tools.render", "services.runtime.metrics", "services.runtime.health", "services.runtime.log_context",
    ]
    probe = (
        f"import sys\nfor m in {logic!r}: __import__(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'faust'))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


STAGES = ("cleaner", "dedup", "enricher", "stories")
LAYERS = ("runtime", "contract", "tools", "common")


def test_the_folders_show_the_architecture() -> None:
    """services/ holds the settings, the four stages and the four layers around them, and nothing loose."""
    loose = sorted(path.name for path in SERVICES.glob("*.py"))
    folders = sorted(path.name for path in SERVICES.iterdir() if path.is_dir() and path.name != "__pycache__")
    assert loose == ["__init__.py", "config.py"]
    assert folders == sorted(STAGES + LAYERS)


def test_the_contract_and_common_helpers_depend_on_no_stage_and_no_runtime() -> None:
    """Consumers' contract and the shared helpers sit below the stages: they import neither a stage nor the shell."""
    below = [*(SERVICES / "contract").rglob("*.py"), *(SERVICES / "common").rglob("*.py")]
    assert below
    offenders = {}
    for path in below:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                parts = node.module.split(".")
                if parts[0] == "services" and len(parts) > 1 and parts[1] in (*STAGES, "runtime", "tools"):
                    offenders.setdefault(str(path.relative_to(ROOT)), []).append(node.module)
    assert offenders == {}
