## Notes on a region's year; $year-of-data is the year of the data file.

note-late-payment-lowest-since = { $year-of-data }: the share of late contributions was the lowest since { $year }.
note-peak-campaign = { $year-of-data }: a { $days }-day peak campaign was launched to add participants and recover late contributions before the end of the year.
