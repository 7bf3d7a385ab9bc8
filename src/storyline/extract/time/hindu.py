"""Days of the Hindu lunisolar calendar from pymeeus's Sun and Moon: the evening of the new moon
that closes an amanta month (Diwali's Lakshmi Puja: the amavasya closing Ashvin, month 7).

An amanta month runs from new moon to new moon and is named by the sidereal sign the Sun enters
in it (Chaitra 1: Aries, ..., Ashvin 7: Libra), so its closing new moon is the first one while
the Sun is in that sign (a second one closes a leap month). Its amavasya is its last tithi, the
Moon 348 to 360 degrees east of the Sun; the day kept is the one whose evening (pradosh: sunset
at New Delhi and the 144 minutes after it) holds more of it, the earlier on a tie.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from pymeeus.Angle import Angle
from pymeeus.Epoch import Epoch
from pymeeus.Moon import Moon
from pymeeus.Sun import Sun

_J2000 = datetime(2000, 1, 1, 12)  # Julian day 2451545.0
_IST = 5.5 / 24  # India's time (UTC+5:30), in days
_DELHI = (Angle(28.61), Angle(77.21))
_PRADOSH = 2.4 / 24
_LAHIRI_2000, _PRECESSION = 23.853, 50.29 / 3600  # the ayanamsa (sidereal to tropical), degrees; a year's growth
_SYNODIC = 29.530589
_FIRST_YEAR = 1583  # the first whole year of the Gregorian calendar


@lru_cache(maxsize=64)
def amavasya_evenings(month: int, year: int) -> tuple[date, ...]:
    """The Gregorian days of `year` (India's time) whose evening keeps the amavasya closing the
    amanta `month` (Chaitra 1 ... Phalguna 12); none before 1583 (pymeeus reads earlier dates as
    Julian ones)."""
    if year < _FIRST_YEAR:
        return ()
    out = []
    for new in _closing_new_moons(month, year):
        end = _ut(new)
        start = _ut(_elongation_reaches(348.0, new))
        first, last = _ist_day(start), _ist_day(end)
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        out.append(max(days, key=lambda d: _evening_overlap(d, start, end)))  # max keeps the first of equals
    return tuple(d for d in out if d.year == year)


def _closing_new_moons(month: int, year: int) -> list[Epoch]:
    """The new moons (TT) from December of the year before to January after that are the first
    of a run with the Sun in the sidereal sign `month` (Aries 1)."""
    start = Epoch(year - 1, 12, 1).jde()
    moons = [Moon.moon_phase(Epoch(start + _SYNODIC * k), target="new") for k in range(15)]
    signs = [_sidereal_sign(m) for m in moons]
    return [moons[k] for k in range(1, len(moons)) if signs[k] == month != signs[k - 1]]


def _sidereal_sign(epoch: Epoch) -> int:
    tropical = float(Sun.apparent_geocentric_position(epoch)[0])
    ayanamsa = _LAHIRI_2000 + (epoch.year() - 2000) * _PRECESSION
    return int(((tropical - ayanamsa) % 360) // 30) + 1


def _elongation(jde: float) -> float:
    epoch = Epoch(jde)
    moon, sun = Moon.apparent_ecliptical_pos(epoch)[0], Sun.apparent_geocentric_position(epoch)[0]
    return (float(moon) - float(sun)) % 360


def _elongation_reaches(degrees: float, new: Epoch) -> float:
    """When (TT Julian day) in the 1.8 days before the new moon the Moon is `degrees` east of the Sun."""
    low, high = float(new.jde()) - 1.8, float(new.jde()) - 0.3
    for _ in range(24):
        middle = (low + high) / 2
        low, high = (low, middle) if _elongation(middle) >= degrees else (middle, high)
    return high


def _ut(tt: Epoch | float) -> float:
    jde = float(tt.jde()) if isinstance(tt, Epoch) else tt
    return jde - float(Epoch.tt2ut(*_ymd(jde)[:2])) / 86400


def _ymd(jd: float) -> tuple[int, int, int]:
    day = (_J2000 + timedelta(days=jd - 2451545.0)).date()
    return day.year, day.month, day.day


def _ist_day(ut: float) -> date:
    return date(*_ymd(ut + _IST))


def _evening_overlap(day: date, start: float, end: float) -> float:
    """How much of the span [start, end] (UT Julian days) the day's pradosh holds."""
    sunset = float(Epoch(day.year, day.month, day.day).rise_set(*_DELHI)[1].jde())
    return max(0.0, min(sunset + _PRADOSH, end) - max(sunset, start))
