"""The cockpit's data files, installed as the package ``cockpit.resources`` (setup.py maps this folder there).

demo/<lang>.json: the demo launch's words. locale/: the gettext catalogs (cockpit.pot, <lang>/LC_MESSAGES/
cockpit.po, and the compiled cockpit.mo beside it, built by ``make catalogs`` and by every wheel build).
Read them with ``importlib.resources.files("cockpit.resources")``, never by a path relative to the source.
"""
