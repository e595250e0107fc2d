## Words of the files beside the pages: figure downloads and feeds.

# Before the links to a bulletin's or region's figures as CSV and JSON.
data-download = Download the figures:
# Describes the CSV link for screen readers and tooltips.
data-csv = CSV, for spreadsheets
data-json = JSON, for programs
# The link to the language's Atom feed, in the footer of every page.
feed-link = Feed of new bulletins (Atom)
