"""The attendance register, taking attendance for one meeting, and the schedule dialogs."""
