## 网站页面用语。

site-name = 社会保险简报
site-tagline = 越南社会保险、医疗保险和失业保险的工作成果与目标，提供四种语言版本。
# 本语言的自称，显示在语言切换菜单中。
language-name = 中文
choose-language = 阅读中文版简报
not-found = 此页面不存在。前往中文版简报
skip-to-content = 跳至正文
language-switcher = 语言
footer-note = 数据以各地区社会保险工作会议公布的情况为准。变化、目标完成率和差距均根据数据计算得出。

home-title = 社会保险简报
home-intro = 各省及全国社会保险年度工作会议公布的上一年工作成果和下一年目标。
home-bulletins = 最新简报
home-regions = 地区

bulletin-date = 发布于
bulletin-updated = 更新于
bulletin-headline = 主要数据
bulletin-narrative = 摘要
bulletin-figures = 结果与目标
bulletin-default-title = { $region }：{ $year }年工作成果
narrative-missing = 本期简报的文字摘要暂无中文版本。以下数据完整无缺。可阅读以下语言的摘要：
translated-from = 译自{ $date }的{ $source ->
        [vi] 越南语
        [en] 英语
        [zh] 中文
        [nb] 挪威语
       *[other] 原文
    }版本。
translated-from-outdated = 本译文完成后，{ $source ->
        [vi] 越南语
        [en] 英语
        [zh] 中文
        [nb] 挪威语
       *[other] 原文
    }版本已有更新。阅读原文：

# 关键数字下方：与上一年相比的变化。$change 为变化的文字表述（change-phrase），$direction 为
# 变化方向（up、down 或 flat）。
headline-change = { $direction ->
    [flat] 与{ $year }年持平
   *[other] 比{ $year }年{ $change }
}
headline-target = { $year }年目标

table-caption = { $region }：{ $year }年结果、变化及目标
table-indicator = 指标
table-result = { $year }年结果
table-change = 较{ $year }年变化
table-change-pct = 较{ $year }年变化（%）
table-target = { $year }年目标
table-reached = 与目标相比
# 与更早年份比较的列（bulletin.yaml 中的 `since:`），以%计（比例以百分点计）。
table-change-since = 较{ $year }年变化
table-no-figure = 无数据
table-stated-note = 按来源公布的数值；无法根据数据计算此项。

region-results = 历年结果
region-targets = 历年目标
region-results-caption = { $region }：历年结果
region-targets-caption = { $region }：历年目标
region-border-changes = 行政区划调整
# A year whose figures cover part of it; $period is e.g. "up to 10 December 2025".
region-period = { $year }年：数据{ $period }。
# Under a table row: the year a shorter period applies to.
row-period = { $year }年：{ $period }
region-notes = 说明
region-bulletins = 简报

border-absorbed = { $date }，{ $others }并入{ $region }。该日期前后的数据所涵盖的地域范围不同。
border-merged-into = { $date }，{ $region }并入{ $others }。该日期前后的数据所涵盖的地域范围不同。

# Pages of a long list (home, region)
pager-label = 列表分页
pager-newer = 较新
pager-older = 较早
pager-position = 第{ $current }页，共{ $total }页

## 网站通用信息：发布单位、各期简报的数据来源，以及供搜索引擎和链接预览使用的页面描述。

# 发布单位名称，在每个页面的标志旁显示。示例网站使用虚构的编辑部；
# 实际网站在此填写本单位的名称。
publisher-name = 社会保险简报编辑部
# 位于发布单位名称之前。中文全角冒号后不加空格。
publisher-label = 发布单位：
# 位于简报数据原文链接之前。
credit-figures = 数据来源：
# 简报未注明原文时，代替该链接显示。
credit-no-source = { $date }召开的工作会议
# 首页及地区页面的 <meta name="description">（$region 为地区名称）。
home-description = 越南全国及各省社会保险、医疗保险和失业保险最新简报：工作成果、目标、图表和数据，提供四种语言版本。
region-description = { $region }历年社会保险、医疗保险和失业保险工作成果与目标，附图表及历次工作会议简报。

## 在其他网站嵌入图表：每个图表下方的HTML代码。

# 每个图表下方：其他网站可粘贴以显示该图表的HTML代码。
embed-summary = 嵌入此图表
embed-label = 可复制到您网页中的HTML代码
# 嵌入图表下方的署名，链接至所属简报。
embed-credit = 来源：{ $publisher }

# 表格单元格内列表各项之间（"95%（第546号决定）；2025年前96%"）。
list-separator = ；
# Between two sentences of a generated description: Chinese puts no space after 。
sentence-separator = {""}
# Between a label (“下载：”) and what it labels: none in Chinese.
word-space = {""}
# 带期限的目标，以及设定该目标的文件（来源名称）。
target-by = { $year }年前{ $target }
target-source = { $target }（{ $source }）
# 某行数字自行注明的来源之前。
table-source = 来源：
# 公报所有数字来源列表之前。
sources-label = 数据来源：

# 标记为 `draft: true` 的简报顶部（使用 --drafts 构建或以 serve --drafts 预览时）。
draft-banner = 草稿：尚未发布。本页仅供预览，内容可能更改。
