## Biểu đồ: tiêu đề, chuỗi số liệu, trục và các câu mô tả nội dung của từng biểu đồ.

chart-title-result-vs-target = { $targets ->
    [same] { $region }: kết quả năm { $year } so với chỉ tiêu
    [next] { $region }: kết quả năm { $year } và chỉ tiêu năm { $next }
    [both] { $region }: kết quả, chỉ tiêu năm { $year } và chỉ tiêu năm { $next }
   *[none] { $region }: kết quả năm { $year }
}
chart-title-participants-trend = { $region }: người tham gia theo loại hình bảo hiểm
chart-title-si-split = { $region }: bảo hiểm xã hội bắt buộc và tự nguyện
chart-title-across-regions = { $indicator }, năm { $year }, theo địa phương
# $period là "none" khi số liệu cả năm, nếu không là phần của năm mà kết quả bao quát.
chart-series-result = { $period ->
    [none] Kết quả năm { $year }
   *[other] Kết quả năm { $year }, { $period }
}
# $source là "none", hoặc văn bản đặt ra mọi chỉ tiêu mà biểu đồ vẽ.
chart-series-target = { $source ->
    [none] Chỉ tiêu năm { $year }
   *[other] Chỉ tiêu năm { $year } ({ $source })
}
chart-series-goal = { $source ->
    [none] Chỉ tiêu năm { $year }
   *[other] Chỉ tiêu năm { $year } ({ $source })
}
chart-axis-percent = Tỷ lệ (%)
chart-axis-people = Số người
chart-table-year = Năm
chart-table-region = Địa phương
chart-table-indicator = Chỉ tiêu
chart-download = Tải xuống:
chart-data-table = Số liệu của biểu đồ này dưới dạng bảng
chart-border-break = Thay đổi địa giới: hợp nhất với { $others } từ ngày { $date }

# $gap tính bằng điểm phần trăm, có dấu.
chart-desc-result-gap = { $indicator } đạt { $result }, { $gap } so với chỉ tiêu { $target }.
chart-desc-result = { $indicator } đạt { $result }.
chart-desc-goal = { $indicator }: chỉ tiêu năm { $year } là { $goal }.
chart-desc-trend = { $indicator } năm { $first } là { $from }, năm { $last } là { $to }.
chart-desc-single = { $indicator } năm { $year }: { $value }.
chart-desc-si-split = Năm { $year }, có { $compulsory } người tham gia bảo hiểm xã hội bắt buộc và { $voluntary } người tham gia bảo hiểm xã hội tự nguyện.
chart-desc-region = { $region }: { $value }.

bulletin-charts = Biểu đồ
region-charts = Biểu đồ
home-compare = So sánh giữa các địa phương
