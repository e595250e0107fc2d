## Ghi chú về một năm của địa phương; $year-of-data là năm của tệp dữ liệu.

note-late-payment-lowest-since = Năm { $year-of-data }: tỷ lệ chậm đóng thấp nhất kể từ năm { $year }.
note-peak-campaign = Năm { $year-of-data }: phát động đợt cao điểm { $days } ngày nhằm phát triển người tham gia và thu hồi tiền chậm đóng trước khi kết thúc năm.
