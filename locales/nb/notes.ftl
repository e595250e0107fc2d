## Merknader om et år i en region; $year-of-data er året for datafilen.

note-late-payment-lowest-since = { $year-of-data }: andelen forsinkede innbetalinger var den laveste siden { $year }.
note-peak-campaign = { $year-of-data }: det ble satt i gang en intensiv kampanje på { $days } dager for å verve nye deltakere og drive inn forsinkede innbetalinger før årsskiftet.
