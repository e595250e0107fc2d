## Tên các nghị quyết, quyết định và kế hoạch mà số liệu và chỉ tiêu dẫn nguồn: `source-<id>` cho
## mỗi id trong `sources:` của content/site.yaml.

source-resolution-01-nq-cp = Nghị quyết 01/NQ-CP
