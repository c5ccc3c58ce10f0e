"""The launch in the team's words: frozen dataclasses, enums and pure rules. No I/O, no Qt."""
