"""Printable documents built with reportlab; fonts embedded so Chinese prints anywhere."""
