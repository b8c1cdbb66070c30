"""The web app (`fzcheck serve`): one more caller of the pipeline and the renderers.

It never evaluates or renders a report on its own: checks run `checker.pipeline.check_file` in
worker processes, pages show what `checker.render` produced. Its storage (SQLite in the data
folder, `store.py`) keeps the uploaded files and the Results. Starlette, uvicorn, python-multipart
and Jinja2 (the `web` extra) are imported only by `fzcheck serve`.
"""

from __future__ import annotations

# What the web extra brings: (module to import, package to name when it is missing).
WEB_MODULES = (
    ("starlette", "starlette"),
    ("uvicorn", "uvicorn"),
    ("python_multipart", "python-multipart"),
    ("jinja2", "jinja2"),
)


def missing_web(packages: list[str]) -> str:
    """What to say when the web extra is not (fully) installed."""
    from checker.install import install_hint

    return f"网页版需要安装可选依赖 web（缺少 {'、'.join(packages)}），{install_hint('web')}"


def missing_web_packages() -> list[str]:
    """The packages of the web extra that cannot be imported (none when it is installed)."""
    import importlib.util

    return [package for module, package in WEB_MODULES if importlib.util.find_spec(module) is None]
