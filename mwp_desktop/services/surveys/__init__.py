"""Attitude surveys: the instruments (the GEM Scale and its office adaptations), their scoring,
the rounds a group answers them in, and the answers themselves."""
