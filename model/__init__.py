"""The Contract Walk document: pure Python, no Qt (enforced by tests/test_architecture.py)."""
