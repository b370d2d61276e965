"""pytest fixtures of the conformance tests (helpers live in conformance_helpers.py)."""

from conformance_helpers import verified

__all__ = ["verified"]
