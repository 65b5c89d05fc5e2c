"""Tawsim (توسيم): an offline desktop annotator for Arabic news."""

__version__ = "0.1.0"
PRODUCT_NAME = "Tawsim"
