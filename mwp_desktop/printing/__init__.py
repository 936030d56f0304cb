"""Printed documents made with reportlab (Qt-free): each module writes one kind of PDF."""
