"""The one way a domain rule says no."""

from __future__ import annotations


class Refusal(Exception):
    """A rule of the launch refuses a change; ``str()`` says why, and what to do instead.

    The domain cannot know how a front end reports it: services turn it into their bad-input error.
    """
