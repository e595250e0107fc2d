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
chart-desc-result-gap = { $indicator }: { $result }, { $gap } ({ $target }).
chart-desc-result = { $indicator }: { $result }.
chart-desc-goal = { $indicator }: målet for { $year } er { $goal }.
chart-desc-trend = { $indicator }: { $from } i { $first }, { $to } i { $last }.
chart-desc-single = { $indicator }: { $value } i { $year }.
chart-desc-si-split = I { $year } hadde { $compulsory } personer obligatorisk og { $voluntary } frivillig sosialforsikring.
chart-desc-region = { $region }: { $value }.

bulletin-charts = Diagrammer
region-charts = Diagrammer
home-compare = Sammenlign regioner

# Én setning under hvert diagram: hovedfunnet.
chart-takeaway-targets-met = { $period ->
    [none] { $outcome ->
        [all] { $total ->
            [1] Målet for { $year } ble nådd.
           *[other] Alle de { $total } målene for { $year } ble nådd.
        }
        [none] { $total ->
            [1] Målet for { $year } ble ikke nådd.
           *[other] Ingen av de { $total } målene for { $year } ble nådd.
        }
       *[some] { $met } av { $total } mål for { $year } ble nådd.
    }
   *[other] { $met } av { $total } mål for { $year } var nådd { $period }.
}
chart-takeaway-targets-raised = { $outcome ->
    [all] { $total ->
        [1] Målet for { $next } ligger over resultatet for { $year }.
       *[other] Alle målene for { $next } ligger over resultatene for { $year }.
    }
    [none] { $total ->
        [1] Målet for { $next } ligger ikke over resultatet for { $year }.
       *[other] Ingen av målene for { $next } ligger over resultatene for { $year }.
    }
   *[some] { $raised } av { $total } andeler har et mål for { $next } over resultatet for { $year }.
}
chart-takeaway-trend = { $direction ->
    [up] Sterkest vekst: { $indicator }, opp { $pct } fra { $first } til { $last }.
    [down] Størst nedgang: { $indicator }, ned { $pct } fra { $first } til { $last }.
   *[flat] Ingen ordning endret seg fra { $first } til { $last }.
}
chart-takeaway-si-split = Frivillige medlemmer utgjorde { $share } av deltakerne i sosialforsikringen i { $year }.
chart-takeaway-across-regions = { $level ->
    [yes] I { $year } ligger alle områdene på { $top_value }.
   *[no] Høyest i { $year }: { $top } med { $top_value }; lavest: { $bottom } med { $bottom_value }.
}
# The national figure, drawn as a dashed rule among the regions.
chart-reference = { $name }: { $value }
# Under a dot plot whose axis does not start at zero.
chart-axis-from = Aksen starter på { $from }, ikke på null, så små forskjeller synes.
# A year on a chart's time axis whose figures cover only part of it.
chart-year-partial = { $year } ({ $period })
