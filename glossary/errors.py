"""The one user-facing exception of the glossary package."""
from aligner.errors import InputError


class GlossaryError(InputError):
    """Bad glossary input a user can fix (malformed file, unknown format); names file and line."""
