## Navn på regioner.

region-viet-nam = Vietnam
region-nghe-an = Nghệ An
region-quang-binh = Quảng Bình
region-an-giang = An Giang
region-dong-nai = Đồng Nai
region-quang-tri = Quảng Trị
region-kien-giang = Kiên Giang
region-binh-phuoc = Bình Phước
