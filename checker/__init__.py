"""fzcheck: checks 法治政府建设年度报告 against YAML rule packs."""

__version__ = "0.1.0"
