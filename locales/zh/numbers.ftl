## 中文的数字写法。$num 已按 CLDR 格式化（数字、分隔符、正负号）。

# 中文书写人数和金额所用的十的幂（"560万"、"88,733亿越南盾"）。
count-scales = 8 4
money-scales = 12 8

# 万、亿之前的数字不加千位分隔符（9245万，而非9,245万）：CLDR 的 min2 分组。
scaled-grouping = min2

# 人数等计数；$scale 为 e0 时是原始数字，否则为十的幂；$n 为换算后的数字。
count = { $scale ->
    [e4] { $num }万
    [e8] { $num }亿
   *[e0] { $num }
}

# 金额；$currency 为 ISO 4217 货币代码（VND、USD 等）。
money = { $scale ->
    [e12] { $num }万亿{ currency-name }
    [e8] { $num }亿{ currency-name }
   *[e0] { $num }{ currency-name }
}

# 金额后的货币名称，按 ISO 4217 代码 $currency；没有中文名称的货币写代码。
currency-name = { $currency ->
    [VND] 越南盾
    [USD] 美元
    [EUR] 欧元
   *[other] { $currency }
}

percent = { $num }%

# 百分点，用于比例的变化及与目标比例的差距。
points = { $num }个百分点

# 正文中的变化，按正负号措辞：$direction 为 up、down 或 flat（按显示的精度为零）；$figure 为
# 不带正负号的数值，已格式化（含单位）；$kind 为 count、money、percent 或 points。人数和金额
# 用"增加/减少"，百分比用"增长/下降"，百分点用"提高/下降"。表格仍显示带正负号的数字。
change-phrase = { $direction ->
    [up] { $kind ->
        [percent] 增长{ $figure }
        [points] 提高{ $figure }
       *[other] 增加{ $figure }
    }
    [down] { $kind ->
        [percent] 下降{ $figure }
        [points] 下降{ $figure }
       *[other] 减少{ $figure }
    }
   *[flat] 持平
}

# 正文中结果与目标的差距：$position 为 above、below 或 on；$figure 和 $kind（count、money
# 或 points）同 change-phrase。比例用"高于/低于目标"，人数和金额用"超出目标/距目标尚差"。
gap-phrase = { $position ->
    [above] { $kind ->
        [points] 高于目标{ $figure }
       *[other] 超出目标{ $figure }
    }
    [below] { $kind ->
        [points] 低于目标{ $figure }
       *[other] 距目标尚差{ $figure }
    }
   *[on] 与目标持平
}

# 来源已取整的数字：$figure 为格式化后的数字，$qualifier 为 over、about、under 或 nearly；
# 以万、亿为单位的人数，"超过"写作"余"（560余万）。
qualified = { $qualifier ->
    [over] { $kind ->
        [count] { $decimals ->
            [0] { $scale ->
                [e4] { $num }余万
                [e8] { $num }余亿
               *[other] 超过{ $figure }
            }
           *[other] 逾{ $figure }
        }
       *[other] 超过{ $figure }
    }
    [about] 约{ $figure }
    [under] 不足{ $figure }
    [nearly] 近{ $figure }
   *[exact] { $figure }
}

# 不足一年的期间。
period-to-date = 截至{ $date }
period-months = 前{ $months }个月

# A multiple of a target set elsewhere (e.g. by a national resolution), as a source states it.
times-target = 目标的{ $num }倍

# 后一数字为前一数字的倍数（`fig(…, of="times", since=2010)`），如"是2010年的2.5倍"中的"2.5倍"。
times = { $num }倍

# 日期（来自 CLDR）：页面所用日期格式的区域，以及长度：long、medium 或 short（"2024年1月18日"）。
date-locale = zh
date-length = long
