## Từ ngữ của các tệp đi kèm trang: tải số liệu và nguồn tin.

# Đứng trước các liên kết tải số liệu của bản tin hoặc địa phương dạng CSV và JSON.
data-download = Tải số liệu:
data-csv = CSV, dùng cho bảng tính
data-json = JSON, dùng cho phần mềm
# Liên kết tới nguồn tin Atom của ngôn ngữ, ở chân mỗi trang.
feed-link = Nhận bản tin mới (Atom)
