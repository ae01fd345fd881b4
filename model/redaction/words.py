"""Words that are names and ordinary words at once, and the small words around names.

A person called "Will Mark" must not turn every "will" in the notes into a role:
these are replaced only where they are written as in the roster, and the export
dialog says so. Deliberately short (English, plus a few words common in the
other languages our users write in); the map's own department names and titles
are added per map (`model.redaction.apply`)."""
from __future__ import annotations

_COMMON = """
a an and are as at be but by can do for from go had has have he her him his i if in is it me my no
not of on or our she so the they to up us was we who will with you all any may might must shall
april august june may march summer autumn winter spring dawn eve noon day night sunny sky star
art bill buck chase cliff crystal drew faith fern ford frank gene gay glen
grace guy hope hunter iris ivy jack jade jewel joy june king lane lily long love mark
max miles norm pearl penny page rich robin rock rose ruby rusty
sandy sage sterling stone sue summer sunny trip van victor violet
wade ward warren wood young brown black white green gray grey rich hall hill moss park
cook
head hunt judge page
price steward
wells west north south east fox wolf bird crane swan finch rain snow frost
field fields meadow brook rivers banks ford bush berry bell bells case cross doe fair fine free
gold golden good hardy heart holly honey joy just kind law little love lord lucky
major marsh may mercy noble north oak paris patience person poor pride prince quick read
reed rice rich river root rush salt savage ship short silver small sole sparks spring stark
strong sweet swift tall temple thorn tower true vale wall wise worth young
la le de del della di du van von der den das dos da al el bin ibn binti y e et und
dr mr mrs ms mx prof sir dame jr sr ii iii iv
"""
COMMON_WORDS = frozenset(_COMMON.split())

# Lower-case particles of a name ("van", "de", "al") and honorifics: never replaced on their own.
_PARTICLES = """la le de del della di du van von der den das dos da al el bin ibn binti y e et und ter ten st
dr mr mrs ms mx prof sir dame jr sr ii iii iv"""
PARTICLES = frozenset(_PARTICLES.split())
