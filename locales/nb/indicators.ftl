## Navn på indikatorer, som tabellrader og diagrametiketter.

indicator-insured-any-participants = Antall personer forsikret i minst én ordning
indicator-si-participants = Antall deltakere i sosialforsikringen
indicator-si-compulsory-participants = Antall deltakere i obligatorisk sosialforsikring
indicator-si-voluntary-participants = Antall deltakere i frivillig sosialforsikring
indicator-si-labour-force-share = Andel av arbeidsstyrken i arbeidsfør alder med sosialforsikring
indicator-si-voluntary-informal-share = Andel av den uformelle arbeidsstyrken med frivillig sosialforsikring
indicator-hi-participants = Antall deltakere i helseforsikringen
indicator-hi-coverage = Helseforsikringens dekningsgrad i befolkningen
indicator-hi-student-coverage = Andel elever og studenter med helseforsikring
indicator-population = Befolkning
indicator-ui-participants = Antall deltakere i arbeidsledighetstrygden
indicator-ui-labour-force-share = Andel av arbeidsstyrken med arbeidsledighetstrygd
indicator-revenue = Inntekter fra sosialforsikring, helseforsikring og arbeidsledighetstrygd
indicator-late-payments = Forsinkede innbetalinger
indicator-late-payments-unrecoverable = Forsinkede innbetalinger som ikke kan drives inn
indicator-late-payment-share = Forsinkede innbetalinger som andel av fordringene
indicator-defunct-employers = Konkurserte, oppløste eller forsvunne arbeidsgivere med restanser
indicator-participants-still-needed = Nye deltakere som fortsatt trengs i år
indicator-revenue-still-needed = Inntekter som gjenstår å kreve inn i år
indicator-si-benefits-settled = Personer som har fått sosialforsikringsytelser avgjort
indicator-si-pension-recipients = Personer som får månedlig pensjon og stønad
indicator-si-short-term-benefits = Utbetalte kortsiktige sosialforsikringsytelser
indicator-si-onetime-benefits = Engangsuttak fra sosialforsikringen
indicator-occupational-accident-benefits = Personer som har fått ytelser fra yrkesskadeforsikringen
indicator-vocational-training-support = Personer som har fått støtte til yrkesopplæring
indicator-pension-cashless-share = Andel pensjoner utbetalt til personlige kontoer
indicator-onetime-cashless-share = Andel engangsytelser utbetalt til personlige kontoer
indicator-ui-benefit-cashless-share = Andel arbeidsledighetsytelser utbetalt til personlige kontoer
indicator-hi-visits = Legebesøk betalt av helseforsikringen
indicator-hi-treated-people = Personer som har fått behandling betalt av helseforsikringen
indicator-hi-treatment-costs = Behandlingskostnader betalt av helseforsikringen

## Enheter, slik nedlastingene oppgir dem ved hvert tall.

unit-people = personer
unit-cases = tilfeller
unit-visits = behandlingsbesøk
unit-units = arbeidsgivere og andre enheter
unit-vnd = vietnamesiske dong (VND)
unit-usd = amerikanske dollar (USD)
unit-pct-population = % av befolkningen
unit-pct-labour-force = % av arbeidsstyrken
unit-pct-receivables = % av innbetalingene som skulle inn
unit-pct-recipients = % av mottakerne
unit-pct-respondents = % av de spurte
