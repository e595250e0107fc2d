## How figures read in English. $num is already formatted by CLDR (digits, separators, sign).

# Powers of ten that English writes counts and money in ("5.6 million", "889 billion VND").
count-scales = 6 9
money-scales = 9

# How a number before a scale word is grouped: "auto" (CLDR's usual, 8,873.3 billion) or
# "min2" (no separator in a four-digit number, as Chinese writes 9245万).
scaled-grouping = auto

# A count; $scale is e0 for the plain number, else the power of ten; $n is the scaled number.
count = { $scale ->
    [e6] { $num } million
    [e9] { $num } billion
   *[e0] { $num }
}

# An amount of money; $scale and $n as for count, $currency its ISO 4217 code (VND, USD …).
money = { $scale ->
    [e9] { $num } billion { currency-name }
   *[e0] { $num } { currency-name }
}

# A currency after an amount, by its ISO 4217 code $currency: English business writing
# uses the code itself.
currency-name = { $currency }

percent = { $num }%

# Percentage points, for changes of shares and distances to a target share.
points = { $num } { $n ->
    [one] point
   *[other] points
}

# A change in running text, by its sign: $direction is up, down or flat (zero as the figure
# shows it); $figure is its size without a sign, already formatted (with its unit, if any);
# $kind is what it measures (count, money, percent or points), for languages that word the
# change of a number unlike that of a percentage. Tables show the signed figure instead.
change-phrase = { $direction ->
    [up] up { $figure }
    [down] down { $figure }
   *[flat] unchanged
}

# A result's distance to its target in running text: $position is above, below or on;
# $figure and $kind (count, money or points) as for change-phrase.
gap-phrase = { $position ->
    [above] { $figure } above target
    [below] { $figure } short of target
   *[on] on target
}

# A figure the source rounded: $figure is the formatted figure, $qualifier over, about, under or nearly.
# Also given, for languages that put the qualifier inside the figure (Chinese 560余万): $kind
# (count, money, percent, points), $scale (as for count and money), $num and $decimals (the
# number of decimals $num shows).
qualified = { $qualifier ->
    [over] over { $figure }
    [about] about { $figure }
    [under] under { $figure }
    [nearly] nearly { $figure }
   *[exact] { $figure }
}

# Periods shorter than the year.
period-to-date = up to { $date }
period-months = in the first { $months } months

# A multiple of a target set elsewhere (e.g. by a national resolution), as a source states it.
times-target = { $num } times the target

# A later figure as a multiple of an earlier one (`fig(…, of="times", since=2010)`).
times = { $num } times

# Dates, from CLDR: the locale whose date style the pages use ("18 January 2024", as British
# spelling has it) and its length: long, medium or short.
date-locale = en-GB
date-length = long
