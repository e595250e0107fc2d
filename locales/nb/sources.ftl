## Navn på resolusjonene, vedtakene og planene som tall og mål viser til: `source-<id>` for
## hver id under `sources:` i content/site.yaml.

source-resolution-01-nq-cp = resolusjon 01/NQ-CP
