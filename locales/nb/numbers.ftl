## Slik skrives tall på norsk. $num er allerede formatert etter CLDR (sifre, skilletegn, fortegn).

# Tierpotenser som norsk bruker for antall og beløp ("5,6 millioner", "889 milliarder dong").
count-scales = 6 9
money-scales = 9 12

# Gruppering av et tall foran et skalaord: "auto" (som CLDR, 8 873,3 milliarder) eller "min2".
scaled-grouping = auto

# Et antall; $scale er e0 for det rene tallet, ellers tierpotensen; $n er det skalerte tallet.
count = { $scale ->
    [e6] { $n ->
        [one] { $num } million
       *[other] { $num } millioner
    }
    [e9] { $n ->
        [one] { $num } milliard
       *[other] { $num } milliarder
    }
   *[e0] { $num }
}

# Et beløp; $currency er ISO 4217-koden (VND, USD …).
money = { $scale ->
    [e9] { $n ->
        [one] { $num } milliard { currency-name }
       *[other] { $num } milliarder { currency-name }
    }
    [e12] { $n ->
        [one] { $num } billion { currency-name }
       *[other] { $num } billioner { currency-name }
    }
   *[e0] { $num } { currency-name }
}

# Valutaens navn etter et beløp, etter ISO 4217-koden $currency; valutaer uten norsk navn
# skrives med koden.
currency-name = { $currency ->
    [VND] dong
    [USD] dollar
    [EUR] euro
   *[other] { $currency }
}

percent = { $num } %

# Prosentpoeng, for endringer i andeler og avstand til en målandel.
points = { $num } prosentpoeng

# En endring i løpende tekst, etter fortegn: $direction er up, down eller flat (null slik tallet
# vises); $figure er størrelsen uten fortegn, ferdig formatert (med enhet om den har en); $kind
# er hva den måler (count, money, percent eller points). Tabellene viser tallet med fortegn.
change-phrase = { $direction ->
    [up] opp { $figure }
    [down] ned { $figure }
   *[flat] uendret
}

# Avstanden fra et resultat til målet i løpende tekst: $position er above, below eller on;
# $figure og $kind (count, money eller points) som for change-phrase.
gap-phrase = { $position ->
    [above] { $figure } over målet
    [below] { $figure } under målet
   *[on] på målet
}

# Et tall kilden har avrundet: $figure er det formaterte tallet, $qualifier er over, about, under eller nearly.
qualified = { $qualifier ->
    [over] over { $figure }
    [about] om lag { $figure }
    [under] under { $figure }
    [nearly] nesten { $figure }
   *[exact] { $figure }
}

# Perioder kortere enn et år.
period-to-date = per { $date }
period-months = { $months ->
    [one] i årets første måned
   *[other] i årets første { $months } måneder
}

# A multiple of a target set elsewhere (e.g. by a national resolution), as a source states it.
times-target = { $num } ganger målet

# Et senere tall som et multiplum av et tidligere (`fig(…, of="times", since=2010)`).
times = { $num } ganger

# Datoer, fra CLDR: lokaliteten som sidene bruker datoformatet til, og lengden: long, medium
# eller short («18. januar 2024»).
date-locale = nb
date-length = long
