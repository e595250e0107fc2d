## Plassholdertekst i fortellingen til en ny bulletin (`bantin new bulletin`, `bantin init`).

# Midlertidig sammendrag i starten av en ny fortelling; $region er regionens navn, $year resultatåret.
scaffold-summary = Nøkkeltall for { $region } for { $year }. Erstatt denne linjen med et sammendrag på én setning.
# Første avsnitt i en ny fortelling, over listen med nøkkeltall; $year er resultatåret.
scaffold-intro = Skriv om konferansen her. Nøkkeltallene for { $year }:
# Én linje i den listen; $indicator er indikatorens navn, $figure sitatet som viser verdien.
scaffold-figure = { $indicator }: { $figure }
