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
chart-desc-result-gap = { $indicator }达到{ $result }，与目标{ $target }相比{ $gap }。
chart-desc-result = { $indicator }达到{ $result }。
chart-desc-goal = { $indicator }：{ $year }年目标为{ $goal }。
chart-desc-trend = { $indicator }从{ $first }年的{ $from }变为{ $last }年的{ $to }。
chart-desc-single = { $year }年{ $indicator }：{ $value }。
chart-desc-si-split = { $year }年，强制性社会保险参保人数为{ $compulsory }，自愿性社会保险参保人数为{ $voluntary }。
chart-desc-region = { $region }：{ $value }。

bulletin-charts = 图表
region-charts = 图表
home-compare = 地区比较
