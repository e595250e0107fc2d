## Ord i filene ved siden av sidene: nedlasting av tall og nyhetsstrøm.

# Foran lenkene til tallene for en melding eller et område som CSV og JSON.
data-download = Last ned tallene:
data-csv = CSV, for regneark
data-json = JSON, for programmer
# Lenken til språkets Atom-strøm, nederst på hver side.
feed-link = Nyhetsstrøm for nye meldinger (Atom)
