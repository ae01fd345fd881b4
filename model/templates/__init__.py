"""Maps to start from: the catalogue of templates and the data of each one.
"""
