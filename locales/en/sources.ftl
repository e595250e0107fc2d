## Names of the resolutions, decisions and plans that figures and targets cite: `source-<id>` for
## each id under `sources:` in content/site.yaml.

source-resolution-01-nq-cp = Resolution 01/NQ-CP
