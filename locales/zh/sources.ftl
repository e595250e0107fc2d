## 数字和目标所引用的决议、决定和计划的名称：content/site.yaml 中 `sources:` 下每个 id 对应
## 一条 `source-<id>` 消息。

source-resolution-01-nq-cp = 第01/NQ-CP号决议
