"""Coaching: check-ups and their history, sessions and action items, the outreach log, the
step-through presentation and the comparison with an earlier session.
"""
