"""PyInstaller's script for the built app: everything it does is in cockpit.cli.app_entry."""

from cockpit.cli.app_entry import main

if __name__ == "__main__":
    raise SystemExit(main())
