## Ord på sidene til nettstedet.

site-name = Bulletiner om sosialforsikring
site-tagline = Resultater og mål for sosialforsikring, helseforsikring og arbeidsledighetstrygd i Vietnam, på fire språk.
# Språkets eget navn, slik det vises i språkvelgeren.
language-name = Norsk bokmål
choose-language = Les bulletinene på norsk
not-found = Denne siden finnes ikke. Gå til bulletinene på norsk
skip-to-content = Gå til hovedinnholdet
language-switcher = Språk
footer-note = Tallene er slik de ble lagt fram på sosialforsikringskonferansene i hver region. Endringer, måloppnåelse og avvik er beregnet ut fra dataene.

home-title = Bulletiner om sosialforsikring
home-intro = Resultater for det siste året og mål for det neste, slik de ble kunngjort på de årlige konferansene for sosialforsikringen i provinsene og på nasjonalt nivå.
home-bulletins = Siste bulletiner
home-regions = Regioner

bulletin-date = Publisert
bulletin-updated = oppdatert
bulletin-headline = Nøkkeltall
bulletin-narrative = Sammendrag
bulletin-figures = Resultater og mål
bulletin-default-title = { $region }: resultater for { $year }
narrative-missing = Det skriftlige sammendraget av denne bulletinen finnes ikke på norsk ennå. Alle tallene nedenfor er komplette. Les sammendraget på:
translated-from = Oversatt fra den { $source ->
        [vi] vietnamesiske
        [en] engelske
        [zh] kinesiske
        [nb] norske
       *[other] opprinnelige
    } utgaven fra { $date }.
translated-from-outdated = Den { $source ->
        [vi] vietnamesiske
        [en] engelske
        [zh] kinesiske
        [nb] norske
       *[other] opprinnelige
    } utgaven er oppdatert etter at denne oversettelsen ble laget. Les den på:

# Under et nøkkeltall: endringen fra året før. $change er endringen i ord (change-phrase),
# $direction retningen (up, down eller flat).
headline-change = { $change } fra { $year }
headline-target = mål for { $year }

table-caption = { $region }: resultater for { $year }, endringer og mål
table-indicator = Indikator
table-result = Resultat { $year }
table-change = Endring fra { $year }
table-change-pct = Endring fra { $year }, %
table-target = Mål { $year }
table-reached = Mot målet
# En kolonne som sammenligner resultatene med et tidligere år (`since:` i bulletin.yaml), i % (prosentpoeng for andeler).
table-change-since = Endring siden { $year }
table-no-figure = ingen tall
table-stated-note = Slik kilden oppgir det; tallet kan ikke beregnes ut fra dataene.

region-results = Resultater per år
region-targets = Mål per år
region-results-caption = { $region }: resultater per år
region-targets-caption = { $region }: mål per år
region-border-changes = Grenseendringer
# A year whose figures cover part of it; $period is e.g. "up to 10 December 2025".
region-period = { $year }: tall { $period }.
# Under a table row: the year a shorter period applies to.
row-period = { $year }: { $period }
region-notes = Merknader
region-bulletins = Bulletiner

border-absorbed = Den { $date } ble { $others } innlemmet i { $region }. Tall fra før og etter denne datoen gjelder ulike områder.
border-merged-into = Den { $date } ble { $region } innlemmet i { $others }. Tall fra før og etter denne datoen gjelder ulike områder.

# Pages of a long list (home, region)
pager-label = Sider i listen
pager-newer = Nyere
pager-older = Eldre
pager-position = Side { $current } av { $total }

## Fast innhold på nettstedet: hvem som gir det ut, hvor tallene i hver bulletin kommer fra,
## og beskrivelser av sidene for søkemotorer og lenkeforhåndsvisninger.

# Utgiverens navn, på hver side ved siden av logoen. Eksempelet bruker en oppdiktet redaksjon;
# et ekte nettsted skriver navnet på sin egen redaksjon eller sitt eget kontor her.
publisher-name = Redaksjonen for Bulletiner om sosialforsikring
# Foran utgiverens navn. {" "} beholder mellomrommet etter kolon.
publisher-label = Utgiver:{" "}
# Foran lenken til artikkelen tallene i bulletinen kommer fra.
credit-figures = Kilde for tallene:{" "}
# I stedet for lenken, når bulletinen ikke oppgir noen kildeartikkel.
credit-no-source = konferansen { $date }
# <meta name="description"> for forsiden og for en regions side ($region er navnet).
home-description = De siste bulletinene om sosialforsikring, helseforsikring og arbeidsledighetstrygd i Vietnam og provinsene: resultater, mål, diagrammer og tall på fire språk.
region-description = Resultater og mål for sosialforsikring, helseforsikring og arbeidsledighetstrygd i { $region } år for år, med diagrammer og bulletinene fra konferansene.

## Bygge inn et diagram på andre nettsteder: koden under hvert diagram.

# Under hvert diagram: HTML-kode andre nettsteder kan lime inn for å vise diagrammet.
embed-summary = Bygg inn dette diagrammet
embed-label = HTML-kode du kan kopiere inn på din egen nettside
# Kildelinjen under et innebygd diagram, med lenke til bulletinen det kommer fra.
embed-credit = Kilde: { $publisher }

# Mellom elementene i en liste i en tabellcelle («95 % (vedtak 546); 96 % innen 2025»).
list-separator = {"; "}
# Between two sentences of a generated description.
sentence-separator = {" "}
# Between a label ("Download:") and what it labels.
word-space = {" "}
# Et mål med frist, og med planen som satte det (navnet på kilden).
target-by = { $target } innen { $year }
target-source = { $target } ({ $source })
# Foran kildene som tallene i en rad selv oppgir.
table-source = Kilde:
# Foran listen over alle kildene til tallene i en bulletin.
sources-label = Kilder:

# Over en bulletin merket `draft: true` (bygget med --drafts eller forhåndsvist med serve --drafts).
draft-banner = Utkast: ikke publisert ennå. Denne siden er en forhåndsvisning og kan endres.
