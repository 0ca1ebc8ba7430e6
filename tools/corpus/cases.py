"""All cases of the bundled corpus, in folder order."""

from cases_a import BX1, BX2, DQ1, DQ2, GS1, GS2, WXJS1, WXJS2, ZP1, ZP2
from cases_b import DP1, DP2, JT1, JT2, KD1, KD2, XS1, XS2, YY1, YY2

CASES = [WXJS1, WXJS2, DQ1, DQ2, BX1, BX2, ZP1, ZP2, GS1, GS2, JT1, JT2, KD1, KD2, XS1, XS2, DP1, DP2, YY1, YY2]
