"""All cases of the bundled corpus, in folder order."""

from cases_a import BX1, DQ1, DQ2, GS1, WXJS1, WXJS2, ZP1
from cases_b import JT1

CASES = [WXJS1, WXJS2, DQ1, DQ2, BX1, ZP1, GS1, JT1]
