"""The PDF playbook's machinery (reportlab): page templates and running headers, typography, the light
paragraph and table, bidi and shaping, synthetic bold, and the focus on some departments. The sections
themselves are in parts/; export/playbook.py assembles them.
"""
