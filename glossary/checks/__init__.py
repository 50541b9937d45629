"""Checks of the terminology checker: each turns aligned pairs into findings."""
