"""Stage 3, quantities: quantities and money in Indonesian text.

`find_quantities(text)` returns `Quantity` spans: money ("$120 juta", "Rp 2,5
triliun"), counts of people and things ("sekitar 11.000 tentara", "lebih dari 70
hewan"), vague counts ("ribuan pekerja"), percentages ("50 persen", "50%") and
measures ("2,5 juta barel per hari"). Every word it knows is in
`warta/data/language/id/quantities.yaml`; this package holds only the grammar.

Grammar of one quantity:
    [approximator | range opener] amount [connector amount] ["lebih"] [unit] [rate]
    amount = [currency] number [scale...] ["-an"] [currency]
where a number is digits ("11.000", "1,3"), number words ("tiga ratus lima puluh")
or a vague word ("ribuan"). The span runs from the first word that changes the
meaning (an approximator or a range opener: "sekitar", "antara") to the last (the
unit or the rate: "tentara", "per tahun"), so the evidence shows why `approx` or
`per` is set.

Kinds: money when a currency is given (unit = ISO 4217 code); percent for
persen/% (unit "percent"); measure for ton, barel, km, hektare... (unit = the
short name); count for counted nouns (unit = the noun's lemma, "korban tewas"),
listed in the vocabulary or not ("tiga lokasi": `nouns`), with "lainnya" (others)
counting the noun counted just before ("157 orang dan 6.000 lainnya"); vague
for a counted noun after a vague word: the value is the lower bound ("ribuan" =
1000) and approx is "about". Money, percent and measures after a
vague word keep their kind and get approx "about".

Numbers are written the Indonesian way: "." groups thousands and "," marks
decimals ("11.000" = 11000, "2,5 triliun" = 2.5e12). Two English habits are read
too: a comma followed by exactly three digits and no scale word is a thousands
separator ("1,300 tentara" = 1300, but "1,300 juta" = 1.3e6), and a point followed
by one or two digits is a decimal point ("17.77 persen").

Left out on purpose: a number with no currency, unit or counted noun after it
(bare numbers are ids, scores and page numbers as often as counts); durations,
ages and repetitions ("75 tahun", "dua hari", "dua kali"), whose nouns are
`not_counted`; years (a four-digit number from 1800 to 2100 written without a
thousands point and with no currency or scale: "2024", "1990-an", and so also
"2000 ekor sapi", which Indonesian style writes "2.000"); dates and times
("20/11/2024", "13:38"); numbers glued to a word or a hyphenated name
("COVID-19", "F-16", "G20"); ids (a leading zero as in phone numbers, or more
than 12 digits without thousands points); a number right after a word in
`not_after` ("tahun 2024", "salah satu negara"); "seorang"/"sebuah" (a, one),
which are articles more often than counts.

Overlaps are settled left to right: a quantity is read from the first place it
can start and takes the longest reading there; a later quantity never reaches
back into an earlier one. Scanning is linear: two compiled patterns find the
places where a quantity can start (digits, and number words in the lowercased
text), and the parser then reads a bounded number of tokens around each.

The modules: `tokens` (the text read token by token, ahead of and behind a position),
`vocabulary` (quantities.yaml, validated, as token-by-token lookups), `nouns` (counted
nouns the vocabulary does not list); here, the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import chain

from ...document import Quantity
from .nouns import may_be_noun, read_open_noun
from .tokens import Ahead, has_nya
from .vocabulary import Grammar, grammar


_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_MAX_DIGITS = 24  # longer digit runs are ids, and would overflow a float
_MAX_PLAIN_DIGITS = 12  # without thousands points, a longer run is an id (NIK, account, phone)
_CLAUSE_END = frozenset(".,;:!?)]}\"'”’»…")

# Number formats, tried in order (see the module docstring).
_ID_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")  # 11.000 / 1.000,5
_COMMA_DECIMAL = re.compile(r"[0-9]+,([0-9]+)")  # 2,5 (or English 1,300)
_EN_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")  # 1,300,000
_EN_DECIMAL = re.compile(r"[0-9]+\.[0-9]{1,2}")  # 17.77


def _digits_value(token: str, scale_follows: bool) -> float | None:
    """Value of a digit token, or None when its format is not a number we read."""
    if len(token) > _MAX_DIGITS or (len(token) > 1 and token[0] == "0" and token[1].isdigit()):
        return None
    if token.isdigit():
        return float(token) if len(token) <= _MAX_PLAIN_DIGITS else None
    if _ID_THOUSANDS.fullmatch(token):
        return float(token.replace(".", "").replace(",", "."))
    comma = _COMMA_DECIMAL.fullmatch(token)
    if comma:
        if len(comma.group(1)) == 3 and not scale_follows:
            return float(token.replace(",", ""))
        return float(token.replace(",", "."))
    if _EN_THOUSANDS.fullmatch(token):
        return float(token.replace(",", ""))
    if _EN_DECIMAL.fullmatch(token):
        return float(token)
    return None


def _times(number: float, scale: float | None) -> float:
    """`number` * `scale` without binary rounding: 256.4 juta is 256400000, not 256399999.99999997."""
    return number if scale is None else float(Decimal(repr(number)) * Decimal(repr(scale)))


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100


def _free_left(text: str, pos: int) -> bool:
    """False when the number at `pos` is glued to what comes before it.

    Digits are glued in "G20", "COVID-19", "F-16", "ke-2" and the "11" of
    "20/11/2024"; a number word only to a letter or digit ("kedua").
    """
    if pos == 0:
        return True
    before = text[pos - 1]
    if before.isalnum():
        return False
    if not text[pos].isdigit():
        return True
    return before not in ".,/:" and not (before in "-–" and pos >= 2 and text[pos - 2].isalnum())


def _glued(ahead: Ahead, i: int, chars: str) -> bool:
    """True when token `i` touches the token before it and is one of the symbols `chars`."""
    tok = ahead.at(i)
    return tok is not None and not tok.spaced and len(tok.text) == 1 and tok.text in chars


def _is_date_or_time(ahead: Ahead, i: int) -> bool:
    """The number before token `i` goes on as a date or a time ("20/11/2024", "13:38")."""
    after = ahead.at(i + 1)
    return _glued(ahead, i, "/:") and after is not None and not after.spaced and after.text[0].isdigit()


def _is_clause_end(ahead: Ahead, i: int) -> bool:
    tok = ahead.at(i)
    return tok is None or tok.text in _CLAUSE_END


@dataclass
class _Amount:
    """One number with its currency and scale: "$1,3 miliar", "tiga ratus", "ribuan"."""

    end: int  # index of the token after it
    value: float
    base: float  # the number before its scale: carries a scale across "3 hingga 5 juta"
    scale: float | None
    currency: str | None
    approx: str | None  # "about" after a vague word or "-an"
    vague: bool  # the number is a vague word ("ribuan")


def _read_words(g: Grammar, ahead: Ahead, i: int) -> tuple[int, float] | None:
    """Number words from token `i` up to the first scale: "tiga ratus lima puluh" -> 350.

    A digit word takes at most one multiplier after it ("dua belas", "lima
    puluh"); a second digit word in a row ends the number ("dua tiga orang" is
    "two or three", not 23).
    """
    group = 0.0
    last: float | None = None
    j = i
    while (tok := ahead.at(j)) is not None and (j == i or tok.spaced):
        word = tok.text.lower()
        if word in g.number_words:
            value = g.number_words[word]
            if value < 1:  # setengah: "satu setengah" = 1.5
                last = (last or 0.0) + value
            elif last is not None:
                break
            elif value < 10:
                last = value
            else:  # sepuluh, sebelas, seratus, seribu...
                group += value
        elif word in g.multipliers and last is not None:
            op, amount = g.multipliers[word]
            group += last + amount if op == "add" else last * amount
            last = None
        else:
            break
        j += 1
    return None if j == i else (j, group + (last or 0.0))


def _read_amount(g: Grammar, ahead: Ahead, i: int, currency: str | None) -> _Amount | None:
    """The amount whose number is token `i`; `currency` comes from a prefix already read."""
    tok = ahead.at(i)
    if tok is None:
        return None
    approx = None
    vague = year = False
    digits = tok.text[0].isdigit()
    if digits:
        if _is_date_or_time(ahead, i + 1):
            return None
        value = _digits_value(tok.text, scale_follows=g.scales.match(ahead, i + 1) is not None)
        year = _is_year(tok.text)
        end = i + 1
        if currency and _glued(ahead, end, ",") and _glued(ahead, end + 1, "-"):  # "Rp 10.000.000,-"
            end += 2
    elif words := _read_words(g, ahead, i):
        end, value = words
    elif hit := g.vague.match(ahead, i):
        end, value = hit
        approx, vague = "about", True
    else:
        return None
    if value is None:
        return None
    scale = None
    while hit := g.scales.match(ahead, end):
        j, (multiplier, needs) = hit
        if needs is not None and needs != currency:
            break
        scale, end = (scale or 1.0) * multiplier, j
    if scale is None and not vague:
        rough = g.vague.match(ahead, end)  # "Rp 800 jutaan"
        touching = (nxt := ahead.at(end)) is not None and not nxt.spaced
        suffix = g.approx_suffixes.match(ahead, end) if digits and touching else None
        if rough and rough[1] >= 1000:
            (end, scale), approx = rough, "about"
        elif suffix:  # "1.000-an"
            end, approx = suffix
    if year and scale is None and currency is None:
        return None
    suffix_currency = g.currency_suffixes.match(ahead, end)
    if suffix_currency and currency in (None, suffix_currency[1]):
        end, currency = suffix_currency
    return _Amount(end, _times(value, scale), value, scale, currency, approx, vague)


def _join_range(first: _Amount, second: _Amount) -> tuple[float, str | None] | None:
    """Value of `first` as the low end of a range up to `second`, and the range's currency.

    None when the two cannot be one range: different currencies, or a second
    value not above the first ("turun dari 10 hingga 5", scores such as "2-1").
    A scale written only once covers both ends: "3 hingga 5 juta dolar".
    """
    if first.currency and second.currency and first.currency != second.currency:
        return None
    low = first.value
    if first.scale is None and second.scale is not None and first.base <= second.base:
        low = _times(first.base, second.scale)
    if second.value <= low:
        return None
    return low, first.currency or second.currency


def _read_range(
    g: Grammar, text: str, ahead: Ahead, first: _Amount, i: int, left: int, floor: int
) -> tuple[_Amount, float, str | None, int] | None:
    """The far end of a range whose connector is token `i`.

    Returns (second amount, low value, currency, new start offset: the opener's
    when there is one), or None when no range follows. "dan" joins a range only
    after "antara" ("antara 10 dan 20 orang").
    """
    connector = g.connectors.match(ahead, i)
    if connector is None:
        return None
    prefix = g.currency_prefixes.match(ahead, connector[0])
    j, currency = prefix or (connector[0], None)
    second = _read_amount(g, ahead, j, currency)
    joined = _join_range(first, second) if second else None
    if joined is None:
        return None
    opener = g.openers.match_before(text, left, floor)
    if connector[1] != "any" and (opener is None or opener[1] != connector[1]):
        return None
    return second, joined[0], joined[1], opener[0] if opener else left


def _read_unit(g: Grammar, ahead: Ahead, i: int) -> tuple[int, tuple[str, str]] | None:
    """The counted noun, measure or percent at token `i`, listed or not (`nouns`); the
    noun after a classifier wins."""
    unit = g.units.match(ahead, i)
    if unit is None:
        previous = g.previous_noun.match(ahead, i)
        return (previous[0], ("count", previous[1])) if previous else read_open_noun(g, ahead, i)
    if unit[1][0] != "classifier":
        return unit
    return g.nouns.match(ahead, unit[0]) or (unit[0], ("count", unit[1][1]))  # "orang hadir": only listed nouns


def _read_per(g: Grammar, ahead: Ahead, i: int) -> tuple[int, str] | None:
    """A rate after the quantity: "per tahun" -> year, "per barel" -> barel."""
    rate = g.per.match(ahead, i)
    if rate:
        return rate
    word = g.per_words.match(ahead, i)
    noun = g.nouns.match(ahead, word[0]) if word else None
    return (noun[0], noun[1][1]) if noun else None


def _followed(g: Grammar, ahead: Ahead) -> bool:
    """True when the token after the number can continue a quantity."""
    nxt = ahead.at(1)
    if nxt is None:
        return False
    word = nxt.text.lower()
    return word in g.followers or (has_nya(word) and word[:-3] in g.followers) or may_be_noun(g, nxt.text)


def _read_quantity(g: Grammar, text: str, pos: int, floor: int) -> Quantity | None:
    """The longest quantity whose number starts at `pos`, reaching back no further than `floor`."""
    prefix = g.currency_prefixes.match_before(text, pos, floor)
    if not prefix and not _free_left(text, pos):
        return None
    left = prefix[0] if prefix else pos  # where the quantity starts so far
    ahead = Ahead(text, pos)
    if not prefix and ahead.at(0).text[0].isdigit() and not _followed(g, ahead):
        return None  # most numbers in news are bare: dates, years, scores
    first = _read_amount(g, ahead, 0, prefix[1] if prefix else None)
    if first is None:
        return None
    low, high, currency, approx, end = first.value, None, first.currency, first.approx, first.end
    ranged = _read_range(g, text, ahead, first, end, left, floor)
    if ranged:
        second, low, currency, left = ranged
        high, end, approx = second.value, second.end, approx or second.approx
    after = g.approx_after.match(ahead, end)  # "1.000 lebih personel", not "Rp 5 juta lebih mahal"
    if after and (_is_clause_end(ahead, after[0]) or (not currency and _read_unit(g, ahead, after[0]))):
        end, approx = after
    if currency:
        kind, unit = "money", currency
    else:
        hit = _read_unit(g, ahead, end)
        if hit is None:
            return None
        end, (unit_kind, unit) = hit
        kind = "vague" if unit_kind == "count" and first.vague else unit_kind
        ranged = _read_range(g, text, ahead, first, end, left, floor) if high is None else None
        again = _read_unit(g, ahead, ranged[0].end) if ranged and ranged[2] is None else None
        if again and again[1] == hit[1]:  # "1,25 persen hingga 1,50 persen"
            second, low, _, left = ranged
            high, end, approx = second.value, again[0], approx or second.approx
    if g.not_after.match_before(text, prefix[0] if prefix else pos, floor):
        return None
    rate = _read_per(g, ahead, end)
    if rate:
        end = rate[0]
    before = g.approx_before.match_before(text, left, floor)
    if before:
        left, approx = before
    stop = ahead.at(end - 1).end
    return Quantity(
        start=left,
        end=stop,
        text=text[left:stop],
        kind=kind,
        value=low,
        value_max=high,
        unit=unit,
        approx=approx,
        per=rate[1] if rate else None,
    )


def _starts(g: Grammar, text: str) -> list[int]:
    """Every place a quantity's number may start: digits, and number words at a word start."""
    lowered = text.lower()
    words = (
        g.word_starts.finditer(lowered)
        if len(lowered) == len(text)
        else g.word_starts_any_case.finditer(text)  # a letter whose lowercase is longer moved the offsets
    )
    return sorted(chain((m.start() for m in _DIGITS.finditer(text)), (m.start() for m in words)))


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in `text`, sorted by start and never overlapping.

    Offsets are into `text` (end exclusive). Anything that is not a non-empty
    string has no quantities.
    """
    if not isinstance(text, str) or not text:
        return []
    g = grammar()
    found: list[Quantity] = []
    floor = 0
    for pos in _starts(g, text):
        if pos < floor:
            continue
        quantity = _read_quantity(g, text, pos, floor)
        if quantity:
            found.append(_with_previous_noun(g, quantity, found))
            floor = quantity.end
    return found


def _with_previous_noun(g: Grammar, quantity: Quantity, found: list[Quantity]) -> Quantity:
    """"menewaskan 157 orang dan melukai 6.000 lainnya", "396 orang ditangkap ..., 65 di
    antaranya remaja": "lainnya" and "di antaranya" count the noun counted before, its head
    only ("20 orang tewas dan 95 lainnya terluka": 95 orang, not dead)."""
    if quantity.unit not in g.previous_units or quantity.kind not in ("count", "vague"):
        return quantity
    before = found[-1] if found else None
    if before is None or before.kind not in ("count", "vague") or not before.unit:
        return quantity
    return replace(quantity, unit=before.unit.split(" ")[0])
