"""Use cases over a Session: plain functions and small read models. Qt-free."""
