## 页面附带文件的用语：数据下载与订阅源。

# 公报或地区数据下载链接（CSV 和 JSON）之前的文字。
data-download = 下载数据：
data-csv = CSV，适用于电子表格
data-json = JSON，适用于程序
# 每页页脚中指向该语言 Atom 订阅源的链接。
feed-link = 订阅最新公报（Atom）
