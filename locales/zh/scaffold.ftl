## 新简报叙述中的占位文字（`bantin new bulletin`、`bantin init`）。

# 新叙述开头的临时摘要；$region 为地区名称，$year 为结果年份。
scaffold-summary = { $region }{ $year }年主要数据。请用一句话摘要替换此行。
# 新叙述的第一段，位于主要数据列表之上；$year 为结果年份。
scaffold-intro = 请在此撰写会议内容。{ $year }年主要数据：
# 该列表中的一行；$indicator 为指标名称，$figure 为显示其数值的引用。
scaffold-figure = { $indicator }：{ $figure }
