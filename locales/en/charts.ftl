## Charts: titles, series, axes and the sentences that state what each chart shows.

chart-title-result-vs-target = { $targets ->
    [same] { $region }: { $year } results against their targets
    [next] { $region }: { $year } results and { $next } targets
    [both] { $region }: { $year } results and targets, and { $next } targets
   *[none] { $region }: { $year } results
}
chart-title-participants-trend = { $region }: participants by scheme
chart-title-si-split = { $region }: compulsory and voluntary social insurance
chart-title-across-regions = { $indicator }, { $year }, by region
# $period is "none" for a whole year, else the part of the year the results cover.
chart-series-result = { $period ->
    [none] Result { $year }
   *[other] Result { $year }, { $period }
}
# $source is "none", or the plan that set every target the chart draws.
chart-series-target = { $source ->
    [none] Target { $year }
   *[other] Target { $year } ({ $source })
}
chart-series-goal = { $source ->
    [none] Target { $year }
   *[other] Target { $year } ({ $source })
}
chart-axis-percent = Percent
chart-axis-people = People
chart-table-year = Year
chart-table-region = Region
chart-table-indicator = Indicator
chart-download = Download:
chart-data-table = Figures of this chart as a table
chart-border-break = Border change: merged with { $others } on { $date }

# $gap is in percentage points, signed.
chart-desc-result-gap = { $indicator }: { $result }, { $gap } ({ $target }).
chart-desc-result = { $indicator }: { $result }.
chart-desc-goal = { $indicator }: target for { $year }, { $goal }.
chart-desc-trend = { $indicator }: { $from } in { $first }, { $to } in { $last }.
chart-desc-single = { $indicator }: { $value } in { $year }.
chart-desc-si-split = In { $year }, { $compulsory } people had compulsory and { $voluntary } voluntary social insurance.
chart-desc-region = { $region }: { $value }.

bulletin-charts = Charts
region-charts = Charts
home-compare = Compare regions

# One sentence under each chart: its main finding.
chart-takeaway-targets-met = { $period ->
    [none] { $outcome ->
        [all] { $total ->
            [1] The { $year } target was met.
           *[other] All { $total } targets for { $year } were met.
        }
        [none] { $total ->
            [1] The { $year } target was not met.
           *[other] None of the { $total } targets for { $year } was met.
        }
       *[some] { $met } of { $total } targets for { $year } were met.
    }
   *[other] { $met } of { $total } targets for { $year } reached { $period }.
}
chart-takeaway-targets-raised = { $outcome ->
    [all] { $total ->
        [1] The { $next } target is above the { $year } result.
       *[other] Every { $next } target is above its { $year } result.
    }
    [none] { $total ->
        [1] The { $next } target is not above the { $year } result.
       *[other] No { $next } target is above its { $year } result.
    }
   *[some] { $raised } of { $total } rates have a { $next } target above their { $year } result.
}
chart-takeaway-trend = { $direction ->
    [up] Fastest growth: { $indicator }, up { $pct } from { $first } to { $last }.
    [down] Largest fall: { $indicator }, down { $pct } from { $first } to { $last }.
   *[flat] No scheme changed from { $first } to { $last }.
}
chart-takeaway-si-split = Voluntary members made up { $share } of social insurance participants in { $year }.
chart-takeaway-across-regions = { $level ->
    [yes] Every region shown stands at { $top_value } in { $year }.
   *[no] Highest in { $year }: { $top }, { $top_value }; lowest: { $bottom }, { $bottom_value }.
}
# The national figure, drawn as a dashed rule among the regions.
chart-reference = { $name }: { $value }
# Under a dot plot whose axis does not start at zero.
chart-axis-from = The axis starts at { $from }, not at zero, so that small differences show.
# A year on a chart's time axis whose figures cover only part of it.
chart-year-partial = { $year } ({ $period })
