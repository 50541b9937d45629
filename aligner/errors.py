"""The one user-facing exception of the aligner package."""


class InputError(Exception):
    """Bad input a user can fix: missing, binary, undecodable or empty file, bad option.

    The CLI prints ``str(error)`` as one line on stderr and exits with status 2.
    """
