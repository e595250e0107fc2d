## Diagrammer: titler, dataserier, akser og setningene som sier hva hvert diagram viser.

chart-title-result-vs-target = { $region }: dekningsgrad i { $year } sammenlignet med målene
chart-title-participants-trend = { $region }: deltakere per ordning
chart-title-si-split = { $region }: obligatorisk og frivillig sosialtrygd
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
chart-table-category = Kategori
chart-download = Last ned:
chart-data-table = Tallene i diagrammet som tabell
chart-border-break = Grenseendring: slått sammen med { $others } den { $date }

# $gap er i prosentpoeng, med fortegn.
chart-desc-result-gap = { $indicator } nådde { $result }, { $gap } mot målet på { $target }.
chart-desc-result = { $indicator } nådde { $result }.
chart-desc-goal = { $indicator }: målet for { $year } er { $goal }.
chart-desc-trend = { $indicator } gikk fra { $from } i { $first } til { $to } i { $last }.
chart-desc-single = { $indicator }: { $value } i { $year }.
chart-desc-si-split = I { $year } hadde { $compulsory } personer obligatorisk og { $voluntary } frivillig sosialtrygd.
chart-desc-region = { $region }: { $value }.

bulletin-charts = Diagrammer
region-charts = Diagrammer
home-compare = Sammenlign regioner
