"""Words the window alone shows, through Qt: people and moments in the status bar and dialogs.

The domain's values and a row's fields in words are ``cockpit.words``, shared with the report and the CLI.
"""
