## Lời giữ chỗ trong phần tường thuật của một bản tin mới (`bantin new bulletin`, `bantin init`).

# Tóm tắt tạm trong phần đầu của bài mới; $region là tên địa phương, $year là năm có kết quả.
scaffold-summary = Các số liệu chính của { $region } năm { $year }. Hãy thay dòng này bằng một câu tóm tắt.
# Đoạn đầu tiên của bài mới, phía trên danh sách số liệu chính; $year là năm có kết quả.
scaffold-intro = Hãy viết nội dung hội nghị tại đây. Các số liệu chính năm { $year }:
# Một dòng của danh sách đó; $indicator là tên chỉ tiêu, $figure là lời trích dẫn hiển thị giá trị.
scaffold-figure = { $indicator }: { $figure }
