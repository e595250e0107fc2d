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
chart-desc-result-gap = { $indicator } reached { $result }, { $gap } against the { $target } target.
chart-desc-result = { $indicator } reached { $result }.
chart-desc-goal = { $indicator }: the target for { $year } is { $goal }.
chart-desc-trend = { $indicator } went from { $from } in { $first } to { $to } in { $last }.
chart-desc-single = { $indicator }: { $value } in { $year }.
chart-desc-si-split = In { $year }, { $compulsory } people had compulsory and { $voluntary } voluntary social insurance.
chart-desc-region = { $region }: { $value }.

bulletin-charts = Charts
region-charts = Charts
home-compare = Compare regions
