"""pytest fixtures of the generator tests (helpers live in gen_helpers.py)."""

from gen_helpers import variant

__all__ = ["variant"]
