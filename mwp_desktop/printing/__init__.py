"""Printed documents, drawn with reportlab. Qt-free and database-free: each document is a function
taking the frozen dataclasses of `printing.data` and writing a PDF file.

reportlab is imported inside the drawing functions, so importing this package costs nothing at
start-up.
"""
