## 地区名称。

region-viet-nam = 越南
region-nghe-an = 义安省
region-quang-binh = 广平省
region-an-giang = 安江省
region-dong-nai = 同奈省
region-quang-tri = 广治省
region-kien-giang = 坚江省
region-binh-phuoc = 平福省
