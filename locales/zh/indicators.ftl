## 指标名称，用于表格行和图表标签。

indicator-insured-any-participants = 参加任一险种的人数
indicator-si-participants = 社会保险参保人数
indicator-si-compulsory-participants = 强制性社会保险参保人数
indicator-si-voluntary-participants = 自愿性社会保险参保人数
indicator-si-labour-force-share = 社会保险参保率（占劳动年龄劳动力）
indicator-si-voluntary-informal-share = 自愿性社会保险参保率（占非正规就业劳动力）
indicator-hi-participants = 医疗保险参保人数
indicator-hi-coverage = 医疗保险人口覆盖率
indicator-hi-student-coverage = 学生医疗保险参保率
indicator-population = 人口
indicator-ui-participants = 失业保险参保人数
indicator-ui-labour-force-share = 失业保险参保率（占劳动力）
indicator-revenue = 社会保险、医疗保险和失业保险收入
indicator-late-payments = 欠缴保险费
indicator-late-payments-unrecoverable = 无法追缴的欠缴保险费
indicator-late-payment-share = 欠缴保险费占应收额比例
indicator-defunct-employers = 欠缴保险费的破产、解散或失联用人单位
indicator-participants-still-needed = 本年度尚需新增的参保人数
indicator-revenue-still-needed = 本年度尚需征收的金额
indicator-si-benefits-settled = 已办理社会保险待遇人数
indicator-si-pension-recipients = 按月领取养老金和津贴人数
indicator-si-short-term-benefits = 短期社会保险待遇支付人次
indicator-si-onetime-benefits = 一次性领取社会保险待遇人数
indicator-occupational-accident-benefits = 领取工伤保险待遇人数
indicator-vocational-training-support = 获得职业培训支持人数
indicator-pension-cashless-share = 养老金通过个人账户发放比例
indicator-onetime-cashless-share = 一次性待遇通过个人账户发放比例
indicator-ui-benefit-cashless-share = 失业保险金通过个人账户发放比例
indicator-hi-visits = 医疗保险支付的就诊人次
indicator-hi-treated-people = 由医疗保险支付治疗费用的人数
indicator-hi-treatment-costs = 医疗保险支付的医疗费用

## 计量单位，下载文件中列于各数字旁。

unit-people = 人
unit-cases = 人次
unit-visits = 就诊人次
unit-units = 家单位
unit-vnd = 越南盾（VND）
unit-usd = 美元（USD）
unit-pct-population = 占人口的百分比
unit-pct-labour-force = 占劳动力的百分比
unit-pct-receivables = 占应收款的百分比
unit-pct-recipients = 占领取人数的百分比
unit-pct-respondents = 占受访者的百分比
