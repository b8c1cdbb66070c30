"""Where the project is, for every test module and tool under tests/ (however deep it lies)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
