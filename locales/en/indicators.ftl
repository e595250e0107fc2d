## Indicator names, as table rows and chart labels.

indicator-insured-any-participants = People insured by any scheme
indicator-si-participants = Social insurance participants
indicator-si-compulsory-participants = Compulsory social insurance participants
indicator-si-voluntary-participants = Voluntary social insurance participants
indicator-si-labour-force-share = Share of the working-age labour force with social insurance
indicator-si-voluntary-informal-share = Share of the informal labour force with voluntary social insurance
indicator-hi-participants = Health insurance participants
indicator-hi-coverage = Health insurance coverage of the population
indicator-hi-student-coverage = Share of students with health insurance
indicator-population = Population
indicator-ui-participants = Unemployment insurance participants
indicator-ui-labour-force-share = Share of the labour force with unemployment insurance
indicator-revenue = Revenue of social, health and unemployment insurance
indicator-late-payments = Late contributions
indicator-late-payments-unrecoverable = Late contributions that cannot be recovered
indicator-late-payment-share = Late contributions as a share of receivables
indicator-defunct-employers = Bankrupt, dissolved or vanished employers owing contributions
indicator-participants-still-needed = New participants still needed this year
indicator-revenue-still-needed = Revenue still to collect this year
indicator-si-benefits-settled = People whose social insurance benefits were settled
indicator-si-pension-recipients = People paid monthly pensions and allowances
indicator-si-short-term-benefits = Short-term social insurance benefits paid
indicator-si-onetime-benefits = One-time social insurance withdrawals
indicator-occupational-accident-benefits = People paid occupational accident insurance
indicator-vocational-training-support = People given vocational training support
indicator-pension-cashless-share = Share of pensions paid into personal accounts
indicator-onetime-cashless-share = Share of one-time benefits paid into personal accounts
indicator-ui-benefit-cashless-share = Share of unemployment benefits paid into personal accounts
indicator-hi-visits = Medical visits paid by health insurance
indicator-hi-treated-people = People whose treatment health insurance paid
indicator-hi-treatment-costs = Medical costs paid by health insurance

## Units, as the downloads name them beside each figure.

unit-people = people
unit-cases = cases
unit-visits = visits
unit-units = employers and other units
unit-vnd = Vietnamese đồng (VND)
unit-usd = US dollars (USD)
unit-pct-population = % of the population
unit-pct-labour-force = % of the labour force
unit-pct-receivables = % of contributions receivable
unit-pct-recipients = % of recipients
unit-pct-respondents = % of respondents
