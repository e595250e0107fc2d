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
chart-desc-result-gap = { $indicator }: đạt { $result }, { $gap } ({ $target }).
chart-desc-result = { $indicator }: đạt { $result }.
chart-desc-goal = { $indicator }: chỉ tiêu năm { $year } là { $goal }.
chart-desc-trend = { $indicator }: năm { $first } là { $from }, năm { $last } là { $to }.
chart-desc-single = { $indicator } năm { $year }: { $value }.
chart-desc-si-split = Năm { $year }, có { $compulsory } người tham gia bảo hiểm xã hội bắt buộc và { $voluntary } người tham gia bảo hiểm xã hội tự nguyện.
chart-desc-region = { $region }: { $value }.

bulletin-charts = Biểu đồ
region-charts = Biểu đồ
home-compare = So sánh giữa các địa phương

# Một câu dưới mỗi biểu đồ: điều chính biểu đồ cho thấy.
chart-takeaway-targets-met = { $period ->
    [none] { $outcome ->
        [all] { $total ->
            [1] Đã đạt chỉ tiêu năm { $year }.
           *[other] Đạt cả { $total } chỉ tiêu năm { $year }.
        }
        [none] { $total ->
            [1] Chưa đạt chỉ tiêu năm { $year }.
           *[other] Chưa đạt chỉ tiêu nào trong { $total } chỉ tiêu năm { $year }.
        }
       *[some] Đạt { $met }/{ $total } chỉ tiêu năm { $year }.
    }
   *[other] Đạt { $met }/{ $total } chỉ tiêu năm { $year } ({ $period }).
}
chart-takeaway-targets-raised = { $outcome ->
    [all] { $total ->
        [1] Chỉ tiêu năm { $next } cao hơn kết quả năm { $year }.
       *[other] Tất cả chỉ tiêu năm { $next } đều cao hơn kết quả năm { $year }.
    }
    [none] { $total ->
        [1] Chỉ tiêu năm { $next } không cao hơn kết quả năm { $year }.
       *[other] Không chỉ tiêu năm { $next } nào cao hơn kết quả năm { $year }.
    }
   *[some] { $raised }/{ $total } tỷ lệ có chỉ tiêu năm { $next } cao hơn kết quả năm { $year }.
}
chart-takeaway-trend = { $direction ->
    [up] Tăng nhanh nhất: { $indicator }, tăng { $pct } từ năm { $first } đến năm { $last }.
    [down] Giảm mạnh nhất: { $indicator }, giảm { $pct } từ năm { $first } đến năm { $last }.
   *[flat] Không loại hình nào thay đổi từ năm { $first } đến năm { $last }.
}
chart-takeaway-si-split = Người tham gia tự nguyện chiếm { $share } tổng số người tham gia bảo hiểm xã hội năm { $year }.
chart-takeaway-across-regions = { $level ->
    [yes] Năm { $year }, các địa phương đều đạt { $top_value }.
   *[no] Năm { $year }, cao nhất là { $top } ({ $top_value }), thấp nhất là { $bottom } ({ $bottom_value }).
}
# The national figure, drawn as a dashed rule among the regions.
chart-reference = { $name }: { $value }
# Under a dot plot whose axis does not start at zero.
chart-axis-from = Trục bắt đầu từ { $from }, không phải từ 0, để thấy rõ chênh lệch nhỏ.
# A year on a chart's time axis whose figures cover only part of it.
chart-year-partial = { $year } ({ $period })
