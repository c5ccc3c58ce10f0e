"""The cockpit's words for what it shows, in one place for the window, the report and the CLI.

Every word goes through ``cockpit.i18n`` (gettext), the one catalog Qt's translator answers from too, so a
language switch reaches every front end at once. This package imports nothing of the cockpit but ``i18n``:
the domain words its own sentences with these labels, so they must sit beneath it.
"""
