## Cách viết số liệu bằng tiếng Việt. $num đã được định dạng theo CLDR (chữ số, dấu phân cách, dấu).

# Lũy thừa của 10 dùng để viết số lượng và số tiền ("5,6 triệu", "889 tỷ đồng").
count-scales = 6 9
money-scales = 9

# Cách nhóm chữ số của số đứng trước từ chỉ đơn vị: "auto" (như CLDR, 8.873,3 tỷ) hoặc "min2".
scaled-grouping = auto

# Một số lượng; $scale là e0 khi giữ nguyên số, nếu không thì là lũy thừa của 10; $n là số đã quy đổi.
count = { $scale ->
    [e6] { $num } triệu
    [e9] { $num } tỷ
   *[e0] { $num }
}

# Một số tiền; $currency là mã ISO 4217 (VND, USD …).
money = { $scale ->
    [e9] { $num } tỷ { currency-name }
   *[e0] { $num } { currency-name }
}

# Tên loại tiền sau số tiền, theo mã ISO 4217 $currency: đồng viết bằng chữ, các loại tiền
# khác viết bằng mã, như báo chí vẫn viết ("21,4 tỷ USD").
currency-name = { $currency ->
    [VND] đồng
   *[other] { $currency }
}

percent = { $num }%

# Điểm phần trăm, cho mức thay đổi của tỷ lệ và khoảng cách đến tỷ lệ chỉ tiêu.
points = { $num } điểm phần trăm

# Mức thay đổi trong câu văn, theo dấu: $direction là up, down hoặc flat (bằng 0 như số hiển
# thị); $figure là độ lớn không dấu, đã định dạng (kèm đơn vị nếu có); $kind là loại số liệu
# (count, money, percent hoặc points). Bảng vẫn ghi số có dấu.
change-phrase = { $direction ->
    [up] tăng { $figure }
    [down] giảm { $figure }
   *[flat] không đổi
}

# Khoảng cách giữa kết quả và chỉ tiêu trong câu văn: $position là above, below hoặc on;
# $figure và $kind (count, money hoặc points) như ở change-phrase.
gap-phrase = { $position ->
    [above] vượt { $figure } so với chỉ tiêu
    [below] thấp hơn { $figure } so với chỉ tiêu
   *[on] đạt đúng chỉ tiêu
}

# Số liệu nguồn đã làm tròn: $figure là số đã định dạng, $qualifier là over, about, under hoặc nearly.
qualified = { $qualifier ->
    [over] hơn { $figure }
    [about] khoảng { $figure }
    [under] dưới { $figure }
    [nearly] gần { $figure }
   *[exact] { $figure }
}

# Các kỳ ngắn hơn một năm.
period-to-date = tính đến { $date }
period-months = trong { $months } tháng đầu năm

# A multiple of a target set elsewhere (e.g. by a national resolution), as a source states it.
times-target = gấp { $num } lần chỉ tiêu

# Số liệu sau gấp bao nhiêu lần số liệu trước (`fig(…, of="times", since=2010)`).
times = gấp { $num } lần

# Ngày tháng, theo CLDR: locale có kiểu ngày mà các trang dùng và độ dài (long, medium, short).
# Dạng ngắn là "18/01/2024", như báo chí và văn bản hành chính viết.
date-locale = vi
date-length = short
