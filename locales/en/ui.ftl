## Words of the site's pages.

site-name = Social insurance bulletins
site-tagline = Results and targets of social, health and unemployment insurance in Viet Nam, in four languages.
# This language's own name, as shown in the language switcher.
language-name = English
choose-language = Read the bulletins in English
not-found = This page does not exist. Go to the bulletins in English
skip-to-content = Skip to content
language-switcher = Languages
footer-note = Figures as reported at the social-insurance conferences of each region. Changes, shares of target and gaps are computed from the data.

home-title = Social insurance bulletins
home-intro = Results of the past year and targets for the next, as announced at the yearly conferences of provincial and national social insurance.
home-bulletins = Latest bulletins
home-regions = Regions

bulletin-date = Published
bulletin-updated = updated
bulletin-headline = Key figures
bulletin-narrative = Summary
bulletin-figures = Results and targets
bulletin-default-title = { $region }: results for { $year }
narrative-missing = The written summary of this bulletin is not available in English yet. All figures below are complete. Read the summary in:
# Above a translated narrative that matches its source. $source is the code of the site's
# default language, the one translated from; $date is the date of that version, formatted.
translated-from = Translated from the { $source ->
        [vi] Vietnamese
        [en] English
        [zh] Chinese
        [nb] Norwegian
       *[other] original
    } version of { $date }.
# Above a translated narrative whose source has changed since; a link to the source follows.
translated-from-outdated = The { $source ->
        [vi] Vietnamese
        [en] English
        [zh] Chinese
        [nb] Norwegian
       *[other] original
    } version has been updated since this translation was made. Read it in:

# Under a key figure: its change on the year before. $change is the change in words
# (change-phrase), $direction its direction (up, down or flat).
headline-change = { $direction ->
    [flat] unchanged from { $year }
   *[other] { $change } on { $year }
}
headline-target = target for { $year }

table-caption = { $region }: results for { $year }, changes and targets
table-indicator = Indicator
table-result = Result { $year }
table-change = Change on { $year }
table-change-pct = Change on { $year }, %
table-target = Target { $year }
table-reached = Against target
# A column comparing the results with an earlier year (`since:` in bulletin.yaml), in % (points for shares).
table-change-since = Change since { $year }
table-no-figure = no figure
table-stated-note = As stated by the source; the data cannot compute this figure.

region-results = Results by year
region-targets = Targets by year
region-results-caption = { $region }: results by year
region-targets-caption = { $region }: targets by year
region-border-changes = Border changes
# A year whose figures cover part of it; $period is e.g. "up to 10 December 2025".
region-period = { $year }: figures { $period }.
# Under a table row: the year a shorter period applies to.
row-period = { $year }: { $period }
region-notes = Notes
region-bulletins = Bulletins

border-absorbed = On { $date }, { $region } absorbed { $others }. Figures from before and after that date cover different areas.
border-merged-into = On { $date }, { $region } became part of { $others }. Figures from before and after that date cover different areas.

# Pages of a long list (home, region)
pager-label = Pages of the list
pager-newer = Newer
pager-older = Older
pager-position = Page { $current } of { $total }

## Site furniture: who publishes the site, where each bulletin's figures come from,
## and descriptions of the pages for search engines and link previews.

# The publisher's name, on every page beside its logo. The example names a fictional desk;
# a real site names its own newsroom or office here.
publisher-name = Social insurance bulletins editorial desk
# Before the publisher's name. {" "} keeps a space after the colon where the language wants one.
publisher-label = Publisher:{" "}
# Before the link to the article a bulletin's figures come from.
credit-figures = Source of the figures:{" "}
# Instead of that link, when the bulletin names no source article.
credit-no-source = the conference of { $date }
# <meta name="description"> of the home page and of a region's page ($region is its name).
home-description = The latest bulletins on social, health and unemployment insurance in Viet Nam and its provinces: results, targets, charts and figures in four languages.
region-description = Results and targets of social, health and unemployment insurance in { $region }, year by year, with charts and the bulletins of its conferences.

## Embedding a chart on another website: the code under each chart.

# Under each chart: HTML code another website can paste to show the chart.
embed-summary = Embed this chart
embed-label = HTML code to copy into your page
# The credit under an embedded chart, linked to the bulletin it comes from.
embed-credit = Source: { $publisher }

# Between the items of a list inside a table cell ("95% (Decision 546); 96% by 2025").
list-separator = {"; "}
# Between two sentences of a generated description.
sentence-separator = {" "}
# Between a label ("Download:") and what it labels.
word-space = {" "}
# A target with its deadline, and with the plan that set it (a source name).
target-by = { $target } by { $year }
target-source = { $target } ({ $source })
# Before the sources a row's figures name themselves.
table-source = Source:
# Before the list of every source of a bulletin's figures.
sources-label = Sources:

# Above a bulletin marked `draft: true` (built with --drafts or previewed with serve --drafts).
draft-banner = Draft: not yet published. This page is a preview and may change.
