## Diagrammer: titler, dataserier, akser og setningene som sier hva hvert diagram viser.

chart-title-result-vs-target = { $targets ->
    [same] { $region }: resultater for { $year } mot målene
    [next] { $region }: resultater for { $year } og mål for { $next }
    [both] { $region }: resultater og mål for { $year }, og mål for { $next }
   *[none] { $region }: resultater for { $year }
}
chart-title-participants-trend = { $region }: deltakere per ordning
chart-title-si-split = { $region }: obligatorisk og frivillig sosialforsikring
chart-title-across-regions = { $indicator }, { $year }, etter region
# $period er "none" for et helt år, ellers den delen av året resultatene dekker.
chart-series-result = { $period ->
    [none] Resultat { $year }
   *[other] Resultat { $year }, { $period }
}
# $source er "none", eller planen som satte alle målene diagrammet viser.
chart-series-target = { $source ->
    [none] Mål { $year }
   *[other] Mål { $year } ({ $source })
}
chart-series-goal = { $source ->
    [none] Mål { $year }
   *[other] Mål { $year } ({ $source })
}
chart-axis-percent = Prosent
chart-axis-people = Personer
chart-table-year = År
chart-table-region = Område
chart-table-indicator = Indikator
chart-download = Last ned:
chart-data-table = Tallene i diagrammet som tabell
chart-border-break = Grenseendring: slått sammen med { $others } den { $date }

# $gap er i prosentpoeng, med fortegn.
chart-desc-result-gap = { $indicator } nådde { $result }, { $gap } mot målet på { $target }.
chart-desc-result = { $indicator } nådde { $result }.
chart-desc-goal = { $indicator }: målet for { $year } er { $goal }.
chart-desc-trend = { $indicator } gikk fra { $from } i { $first } til { $to } i { $last }.
chart-desc-single = { $indicator }: { $value } i { $year }.
chart-desc-si-split = I { $year } hadde { $compulsory } personer obligatorisk og { $voluntary } frivillig sosialforsikring.
chart-desc-region = { $region }: { $value }.

bulletin-charts = Diagrammer
region-charts = Diagrammer
home-compare = Sammenlign regioner
