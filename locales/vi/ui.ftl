## Từ ngữ trên các trang của trang tin.

site-name = Bản tin bảo hiểm xã hội
site-tagline = Kết quả và chỉ tiêu về bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp tại Việt Nam, bằng bốn ngôn ngữ.
# Tên của ngôn ngữ này bằng chính ngôn ngữ đó, hiển thị trong bộ chọn ngôn ngữ.
language-name = Tiếng Việt
choose-language = Đọc bản tin bằng tiếng Việt
not-found = Trang này không tồn tại. Xem các bản tin bằng tiếng Việt
skip-to-content = Chuyển đến nội dung chính
language-switcher = Ngôn ngữ
footer-note = Số liệu theo báo cáo tại hội nghị của ngành bảo hiểm xã hội ở từng địa phương. Mức tăng giảm, tỷ lệ đạt chỉ tiêu và mức chênh lệch được tính từ dữ liệu.

home-title = Bản tin bảo hiểm xã hội
home-intro = Kết quả năm qua và chỉ tiêu năm tới, được công bố tại hội nghị tổng kết hằng năm của Bảo hiểm xã hội các tỉnh và Bảo hiểm xã hội Việt Nam.
home-bulletins = Bản tin mới nhất
home-regions = Địa phương

bulletin-date = Đăng ngày
bulletin-updated = cập nhật
bulletin-headline = Số liệu chính
bulletin-narrative = Tóm tắt
bulletin-figures = Kết quả và chỉ tiêu
bulletin-default-title = { $region }: kết quả năm { $year }
narrative-missing = Phần tóm tắt của bản tin này chưa có bản tiếng Việt. Toàn bộ số liệu dưới đây vẫn đầy đủ. Đọc phần tóm tắt bằng:
translated-from = Dịch từ bản { $source ->
        [vi] tiếng Việt
        [en] tiếng Anh
        [zh] tiếng Trung
        [nb] tiếng Na Uy
       *[other] gốc
    } ngày { $date }.
translated-from-outdated = Bản { $source ->
        [vi] tiếng Việt
        [en] tiếng Anh
        [zh] tiếng Trung
        [nb] tiếng Na Uy
       *[other] gốc
    } đã được cập nhật sau khi bản dịch này hoàn thành. Đọc bản gốc:

# Dưới một số liệu chính: mức thay đổi so với năm trước. $change là mức thay đổi bằng lời
# (change-phrase), $direction là chiều thay đổi (up, down hoặc flat).
headline-change = { $change } so với năm { $year }
headline-target = chỉ tiêu năm { $year }

table-caption = { $region }: kết quả năm { $year }, mức tăng giảm và chỉ tiêu
table-indicator = Nội dung
table-result = Kết quả năm { $year }
table-change = Tăng/giảm so với năm { $year }
table-change-pct = Tăng/giảm so với năm { $year }, %
table-target = Chỉ tiêu năm { $year }
table-reached = So với chỉ tiêu
# Cột so sánh kết quả với một năm trước đó (`since:` trong bulletin.yaml), tính bằng % (điểm phần trăm với tỷ lệ).
table-change-since = Thay đổi so với năm { $year }
table-no-figure = không có số liệu
table-stated-note = Theo số liệu nguồn công bố; không thể tính số liệu này từ dữ liệu.

region-results = Kết quả qua các năm
region-targets = Chỉ tiêu qua các năm
region-results-caption = { $region }: kết quả qua các năm
region-targets-caption = { $region }: chỉ tiêu qua các năm
region-border-changes = Thay đổi địa giới hành chính
# A year whose figures cover part of it; $period is e.g. "up to 10 December 2025".
region-period = { $year }: số liệu { $period }.
# Under a table row: the year a shorter period applies to.
row-period = { $year }: { $period }
region-notes = Ghi chú
region-bulletins = Bản tin

border-absorbed = Ngày { $date }, { $others } được hợp nhất vào { $region }. Số liệu trước và sau ngày này không cùng phạm vi địa giới.
border-merged-into = Ngày { $date }, { $region } được hợp nhất vào { $others }. Số liệu trước và sau ngày này không cùng phạm vi địa giới.

# Pages of a long list (home, region)
pager-label = Các trang của danh sách
pager-newer = Mới hơn
pager-older = Cũ hơn
pager-position = Trang { $current }/{ $total }

## Thông tin chung của trang: đơn vị phát hành, nguồn số liệu của từng bản tin
## và phần mô tả trang cho công cụ tìm kiếm, bản xem trước đường dẫn.

# Tên đơn vị phát hành, hiển thị cạnh logo trên mọi trang. Trang mẫu dùng một ban biên tập giả định;
# trang thật ghi tên tòa soạn hoặc cơ quan của mình.
publisher-name = Ban biên tập Bản tin bảo hiểm xã hội
# Đứng trước tên đơn vị phát hành. {" "} giữ dấu cách sau dấu hai chấm.
publisher-label = Đơn vị phát hành:{" "}
# Đứng trước đường dẫn đến bài viết gốc có số liệu của bản tin.
credit-figures = Nguồn số liệu:{" "}
# Thay cho đường dẫn đó khi bản tin không ghi bài viết gốc.
credit-no-source = hội nghị ngày { $date }
# <meta name="description"> của trang chủ và trang địa phương ($region là tên địa phương).
home-description = Bản tin mới nhất về bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp của cả nước và các tỉnh: kết quả, chỉ tiêu, biểu đồ và số liệu bằng bốn ngôn ngữ.
region-description = Kết quả và chỉ tiêu về bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp tại { $region } qua các năm, kèm biểu đồ và các bản tin hội nghị.

## Nhúng biểu đồ vào trang web khác: mã HTML dưới mỗi biểu đồ.

# Dưới mỗi biểu đồ: mã HTML để trang web khác dán vào và hiển thị biểu đồ.
embed-summary = Nhúng biểu đồ này
embed-label = Mã HTML để chép vào trang của bạn
# Dòng ghi nguồn dưới biểu đồ được nhúng, dẫn về bản tin gốc.
embed-credit = Nguồn: { $publisher }

# Giữa các mục của một danh sách trong một ô của bảng ("95% (Quyết định 546); 96% vào năm 2025").
list-separator = {"; "}
# Between two sentences of a generated description.
sentence-separator = {" "}
# Between a label ("Download:") and what it labels.
word-space = {" "}
# Chỉ tiêu kèm thời hạn, và kèm văn bản đặt ra chỉ tiêu đó (tên nguồn).
target-by = { $target } vào năm { $year }
target-source = { $target } ({ $source })
# Trước các nguồn mà số liệu của một hàng tự nêu.
table-source = Nguồn:
# Trước danh sách mọi nguồn số liệu của bản tin.
sources-label = Nguồn số liệu:

# Phía trên bản tin đánh dấu `draft: true` (dựng với --drafts hoặc xem trước với serve --drafts).
draft-banner = Bản nháp: chưa xuất bản. Trang này chỉ để xem trước và có thể thay đổi.
