"""`python -m checker` and the `fzcheck` script: the compiled-code memo first, then the command line."""

from checker.startup import install, pause_collector

install()  # before fzcheck's modules are imported: their data classes and patterns compile through it
pause_collector()  # until the first report is checked (checker.batch), or a command other than check starts

from checker.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
