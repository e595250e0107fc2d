## 地区年度说明；$year-of-data 为数据文件所属年份。

note-late-payment-lowest-since = { $year-of-data }年：欠缴保险费比例为{ $year }年以来最低。
note-peak-campaign = { $year-of-data }年：开展为期{ $days }天的集中攻坚行动，力争在年底前扩大参保覆盖面并追缴欠缴保险费。
