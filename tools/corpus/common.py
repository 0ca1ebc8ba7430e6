"""Shared helpers for the corpus generator: GB 11643 ID numbers, dates, Chinese numerals, money."""

from __future__ import annotations

import datetime as _dt

D = _dt.date

# A card mutation value meaning "remove this key" (an item left empty on the card).
DELETE = "__DELETE__"

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643-1999)."""
    assert len(first17) == 17 and first17.isdigit(), first17
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def id_valid(s: str) -> bool:
    return len(s) == 18 and s[:17].isdigit() and id_check_char(s[:17]) == s[17]


def make_id(region: str, birth: D, seq: int, gender: str) -> str:
    """A valid 18-character ID: region code, birth date, 3-digit sequence with the right parity."""
    assert len(region) == 6 and 0 <= seq <= 999
    if (seq % 2 == 1) != (gender == "男"):
        seq = seq + 1 if seq < 999 else seq - 1
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    s = first17 + id_check_char(first17)
    assert id_valid(s) and id_gender(s) == gender and id_birth(s) == birth
    return s


def id_gender(s: str) -> str:
    return "男" if int(s[16]) % 2 == 1 else "女"


def id_birth(s: str) -> D:
    return D(int(s[6:10]), int(s[10:12]), int(s[12:14]))


def swap_digits(s: str, i: int, j: int) -> str:
    """The ID with characters i and j (0-based) swapped: a typing error."""
    c = list(s)
    c[i], c[j] = c[j], c[i]
    out = "".join(c)
    assert out != s
    return out


def iso(d: D | None) -> str | None:
    return None if d is None else d.isoformat()


def ts(d: D, hh: int = 9, mm: int = 30, days: int = 0) -> str:
    """RFC 3339 local timestamp `days` after date d."""
    x = d + _dt.timedelta(days=days)
    return f"{x.isoformat()}T{hh:02d}:{mm:02d}:00"


def add_days(d: D, n: int) -> D:
    return d + _dt.timedelta(days=n)


def ymd(d: D) -> str:
    """2023年6月13日"""
    return f"{d.year}年{d.month}月{d.day}日"


def md(d: D) -> str:
    return f"{d.month}月{d.day}日"


def rel(d: D, prev: D) -> str:
    """A date written relative to the previous date in the same sentence (同年6月20日)."""
    if prev is not None and d.year == prev.year:
        return f"同年{d.month}月{d.day}日"
    return ymd(d)


DIG = "〇一二三四五六七八九"
NUM = "零一二三四五六七八九"


def cn_year(y: int) -> str:
    return "".join(DIG[int(c)] for c in str(y))


def cn_int(n: int) -> str:
    """Chinese numeral for 0 <= n < 10000 (一千二百三十, 十五, 二十)."""
    assert 0 <= n < 100000
    if n == 0:
        return "零"
    units = ["", "十", "百", "千", "万"]
    digits = [int(c) for c in str(n)]
    out = []
    zero = False
    for k, dg in enumerate(digits):
        pos = len(digits) - 1 - k
        if dg == 0:
            zero = True
            continue
        if zero and out:
            out.append("零")
        zero = False
        out.append(NUM[dg] + units[pos])
    s = "".join(out)
    if s.startswith("一十"):
        s = s[1:]
    return s


def cn_date(d: D) -> str:
    """二〇二三年十月二十日"""
    return f"{cn_year(d.year)}年{cn_int(d.month)}月{cn_int(d.day)}日"


def term(months: int) -> str:
    """Sentence length in words: 一年二个月, 六个月, 二年."""
    y, m = divmod(months, 12)
    s = ""
    if y:
        s += f"{cn_int(y)}年"
    if m:
        s += f"{cn_int(m)}个月"
    return s


def money(x: float) -> str:
    """人民币6,850元 style (grouped Arabic digits)."""
    if float(x).is_integer():
        return f"{int(x):,}元"
    return f"{x:,.2f}元"


def money_cn(x: int) -> str:
    """罚金人民币四千元 style."""
    assert float(x).is_integer()
    return f"{cn_int(int(x))}元"


def age_at(birth: D, event: D) -> int:
    """已满N周岁 (the birthday itself does not count)."""
    n = event.year - birth.year - ((event.month, event.day) < (birth.month, birth.day))
    if (event.month, event.day) == (birth.month, birth.day):
        n -= 1
    return n


if __name__ == "__main__":
    assert id_valid("110105198803151232")
    assert id_valid("130121199502280047")
    assert not id_valid("110105198803151233")
    assert cn_int(2023) == "二千零二十三" and cn_int(20) == "二十" and cn_int(15) == "十五"
    assert term(14) == "一年二个月" and term(6) == "六个月" and term(24) == "二年"
    assert cn_date(D(2023, 10, 20)) == "二〇二三年十月二十日"
    print("ok")
