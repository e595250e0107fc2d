## 图表：标题、数据系列、坐标轴，以及说明各图表内容的句子。

chart-title-result-vs-target = { $targets ->
    [same] { $region }：{ $year }年结果与目标
    [next] { $region }：{ $year }年结果与{ $next }年目标
    [both] { $region }：{ $year }年结果与目标及{ $next }年目标
   *[none] { $region }：{ $year }年结果
}
chart-title-participants-trend = { $region }：各险种参保人数
chart-title-si-split = { $region }：强制性与自愿性社会保险
chart-title-across-regions = { $year }年各地区{ $indicator }
# $period 为 "none" 时是全年数据，否则是结果所涵盖的期间。
chart-series-result = { $period ->
    [none] { $year }年结果
   *[other] { $year }年结果（{ $period }）
}
# $source 为 "none"，或设定图中所有目标的文件。
chart-series-target = { $source ->
    [none] { $year }年目标
   *[other] { $year }年目标（{ $source }）
}
chart-series-goal = { $source ->
    [none] { $year }年目标
   *[other] { $year }年目标（{ $source }）
}
chart-axis-percent = 百分比
chart-axis-people = 人数
chart-table-year = 年份
chart-table-region = 地区
chart-table-indicator = 指标
chart-download = 下载：
chart-data-table = 以表格形式查看本图数据
chart-border-break = 行政区划调整：{ $date }与{ $others }合并

# $gap 以百分点计，带正负号。
chart-desc-result-gap = { $indicator }：达到{ $result }，{ $gap }（目标为{ $target }）。
chart-desc-result = { $indicator }：达到{ $result }。
chart-desc-goal = { $indicator }：{ $year }年目标为{ $goal }。
chart-desc-trend = { $indicator }：{ $first }年为{ $from }，{ $last }年为{ $to }。
chart-desc-single = { $year }年{ $indicator }：{ $value }。
chart-desc-si-split = { $year }年，强制性社会保险参保人数为{ $compulsory }，自愿性社会保险参保人数为{ $voluntary }。
chart-desc-region = { $region }：{ $value }。

bulletin-charts = 图表
region-charts = 图表
home-compare = 地区比较

# 每幅图表下方的一句话：图表的主要发现。
chart-takeaway-targets-met = { $period ->
    [none] { $outcome ->
        [all] { $total ->
            [1] 完成了{ $year }年目标。
           *[other] { $year }年{ $total }项目标全部完成。
        }
        [none] { $total ->
            [1] 未完成{ $year }年目标。
           *[other] { $year }年{ $total }项目标均未完成。
        }
       *[some] { $year }年{ $total }项目标中完成{ $met }项。
    }
   *[other] { $period }，{ $year }年{ $total }项目标中已完成{ $met }项。
}
chart-takeaway-targets-raised = { $outcome ->
    [all] { $total ->
        [1] { $next }年目标高于{ $year }年结果。
       *[other] { $next }年各项目标均高于{ $year }年结果。
    }
    [none] { $total ->
        [1] { $next }年目标不高于{ $year }年结果。
       *[other] { $next }年各项目标均不高于{ $year }年结果。
    }
   *[some] { $total }项比率中有{ $raised }项的{ $next }年目标高于{ $year }年结果。
}
chart-takeaway-trend = { $direction ->
    [up] 增长最快：{ $indicator }，{ $first }年至{ $last }年增长{ $pct }。
    [down] 降幅最大：{ $indicator }，{ $first }年至{ $last }年下降{ $pct }。
   *[flat] { $first }年至{ $last }年各险种参保人数均无变化。
}
chart-takeaway-si-split = { $year }年自愿参保人数占社会保险参保总人数的{ $share }。
chart-takeaway-across-regions = { $level ->
    [yes] { $year }年各地区均为{ $top_value }。
   *[no] { $year }年最高为{ $top }（{ $top_value }），最低为{ $bottom }（{ $bottom_value }）。
}
# The national figure, drawn as a dashed rule among the regions.
chart-reference = { $name }：{ $value }
# Under a dot plot whose axis does not start at zero.
chart-axis-from = 坐标轴从{ $from }而非零开始，以显示细微差别。
# A year on a chart's time axis whose figures cover only part of it.
chart-year-partial = { $year }（{ $period }）
