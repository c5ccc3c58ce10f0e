"""The war-room wall: the launch on a screen read from across the room."""
