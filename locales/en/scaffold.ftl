## Placeholder words of a new bulletin's narratives (`bantin new bulletin`, `bantin init`).

# Front-matter summary of a new narrative, to be replaced; $region is the region's name, $year the results year.
scaffold-summary = Key figures of { $region } for { $year }. Replace this line with a one-sentence summary.
# First paragraph of a new narrative, above the list of headline figures; $year is the results year.
scaffold-intro = Write the story of the conference here. The key figures of { $year }:
# One line of that list; $indicator is the indicator's name, $figure the citation that shows its value.
scaffold-figure = { $indicator }: { $figure }
