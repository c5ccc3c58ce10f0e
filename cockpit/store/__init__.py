"""The launch file: one SQLite file per launch, shared by the team. No Qt."""
