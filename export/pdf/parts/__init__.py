"""The playbook's sections, one module per group: cover, contents and the walk; the map
pages (overview, lane tiles); insights; roles; departments; check-ups and sessions; progress; what-if.
"""
