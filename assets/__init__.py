"""Data only: the fonts (with their licences), the example map and the app's icon.

A package so that importlib.resources finds these files wherever the app is installed
(a checkout, a wheel, a PyInstaller bundle); model/resources.py is the one place that asks.
"""
