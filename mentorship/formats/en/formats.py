# English pages for readers in Kazakhstan: day first, 02.12.2026 (a US
# 12/02/2026 would be misread), «2 December 2026» in long form, 24-hour time,
# Monday first. Django's own en formats are American.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
# the day-first week and input formats are the Kazakh ones (one list, not a copy)
from mentorship.formats.kk.formats import (  # noqa: E402,F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
)

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
