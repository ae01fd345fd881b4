"""The PDF playbook's parts (reportlab): page machinery, typography, paragraphs and tables,
bidi and shaping, and one module per group of sections. export/playbook.py assembles them.
"""
