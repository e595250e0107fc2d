## Tên chỉ số, dùng làm dòng bảng và nhãn biểu đồ.

indicator-insured-any-participants = Số người tham gia ít nhất một loại hình bảo hiểm
indicator-si-participants = Số người tham gia bảo hiểm xã hội
indicator-si-compulsory-participants = Số người tham gia bảo hiểm xã hội bắt buộc
indicator-si-voluntary-participants = Số người tham gia bảo hiểm xã hội tự nguyện
indicator-si-labour-force-share = Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội
indicator-si-voluntary-informal-share = Tỷ lệ lao động khu vực phi chính thức tham gia bảo hiểm xã hội tự nguyện
indicator-hi-participants = Số người tham gia bảo hiểm y tế
indicator-hi-coverage = Tỷ lệ bao phủ bảo hiểm y tế trên dân số
indicator-hi-student-coverage = Tỷ lệ học sinh, sinh viên tham gia bảo hiểm y tế
indicator-population = Dân số
indicator-ui-participants = Số người tham gia bảo hiểm thất nghiệp
indicator-ui-labour-force-share = Tỷ lệ lực lượng lao động tham gia bảo hiểm thất nghiệp
indicator-revenue = Tổng thu bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp
indicator-late-payments = Số tiền chậm đóng
indicator-late-payments-unrecoverable = Số tiền chậm đóng không có khả năng thu hồi
indicator-late-payment-share = Tỷ lệ chậm đóng trên số phải thu
indicator-defunct-employers = Đơn vị phá sản, giải thể, không còn tại địa chỉ đăng ký còn nợ đóng
indicator-participants-still-needed = Số người tham gia cần phát triển thêm trong năm
indicator-revenue-still-needed = Số tiền còn phải thu trong năm
indicator-si-benefits-settled = Người được giải quyết hưởng chế độ bảo hiểm xã hội
indicator-si-pension-recipients = Người hưởng lương hưu, trợ cấp hằng tháng
indicator-si-short-term-benefits = Lượt hưởng chế độ bảo hiểm xã hội ngắn hạn
indicator-si-onetime-benefits = Người hưởng bảo hiểm xã hội một lần
indicator-occupational-accident-benefits = Người hưởng chế độ bảo hiểm tai nạn lao động
indicator-vocational-training-support = Người được hỗ trợ học nghề
indicator-pension-cashless-share = Tỷ lệ chi trả lương hưu qua tài khoản cá nhân
indicator-onetime-cashless-share = Tỷ lệ chi trả bảo hiểm xã hội một lần qua tài khoản cá nhân
indicator-ui-benefit-cashless-share = Tỷ lệ chi trả trợ cấp thất nghiệp qua tài khoản cá nhân
indicator-hi-visits = Lượt khám chữa bệnh bảo hiểm y tế
indicator-hi-treated-people = Người khám chữa bệnh được bảo hiểm y tế chi trả
indicator-hi-treatment-costs = Chi phí khám chữa bệnh do quỹ bảo hiểm y tế chi trả

## Đơn vị tính, như các tệp tải về ghi bên cạnh mỗi số liệu.

unit-people = người
unit-cases = lượt
unit-visits = lượt khám chữa bệnh
unit-units = đơn vị
unit-vnd = đồng (VND)
unit-usd = đô la Mỹ (USD)
unit-pct-population = % dân số
unit-pct-labour-force = % lực lượng lao động
unit-pct-receivables = % số phải thu
unit-pct-recipients = % số người hưởng
unit-pct-respondents = % số người được khảo sát
