"""Hand-labelled SAME-EVENT ground truth for story grouping, over the WikiRef220 articles.

What this is
------------
``/work/shared/eval/wikiref220/`` (dpacassi/dynamic-event-detection-in-data-streams @ 3207bdee91d7,
Gialampoukidis et al. 2016) holds 220 real news articles, one per file, filed under 16 *topics* (the
topic is in the file name). A topic is not an event: "Michelle Obama" holds a Vogue cover, a convention
speech, a China trip...; "Paris attacks" holds the attack itself but also a later police raid, an EU
ministers' meeting, a presidential visit to Washington. The stories stage must group write-ups of one
real-world event and keep apart different events that share a country, person or topic, so topic
labels alone can only give a coarse check. This module adds an event label to every article.

``EVENTS`` maps each article's path relative to the ``wikiref220`` folder (all files sit in its
``WikiRef220/`` sub-folder, so keys look like ``"WikiRef220/malaysia.airlines.flight.15.txt"``) to an
event id, a short slug with the labeller's best estimate of the event's date (``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY`` when that is all the text supports; no date for undated background pieces).
``NOTES`` maps an event id to the reason for a borderline call. There are 151 events over the 220
articles: 28 events have 2 or more articles (97 articles, 294 same-event pairs) and 123 are single
articles; the largest event (the 13 November 2015 Paris attacks) has 20 articles; 11 of the 16 topics
contain 2 or more events (hard negatives: same topic, different event).

How it was labelled
-------------------
One person read every article (the headline and enough of the body to decide: the opening 700 to
3,000 characters, more where the lead was unclear) and labelled each article by the happening it
reports, as a news editor building story clusters would:

1. Same event = the same specific happening: one incident, announcement, decision, publication or
   statement, at one time and place. Different outlets' write-ups of it, and follow-ups that report
   the same happening with new detail, are the same event. Example: the Malaysian prime minister's
   24 March 2014 announcement that MH370 ended in the southern Indian Ocean is one event whether the
   article leads with the satellite analysis, the announcement or the text message sent to families
   (malaysia.airlines.flight.13/14/15). The Saturday-morning roundups of the Paris attacks (rising
   death toll, the Islamic State claim, the prosecutor's timeline, the president's "act of war" remarks)
   are follow-ups of the Friday-night attack, not new events.
2. A later distinct happening is a new event even inside the same story arc: a new police raid
   (Saint-Denis, 18 November, apart from the 13 November attack), a new official report (the ATSB's
   June 2014 report apart from its October 2014 flight-path update), a protest the day after an
   announcement (MH370 relatives in Beijing on 25 March), a new statement on another day (the
   Premier League chief's rebuttal apart from the Newcastle manager's "boring" remark), an election
   result apart from the coalition talks apart from the swearing-in (Greece, June 2012).
3. Recurring look-alike happenings are different events: successive TV-rights rounds (£3bn in 2012,
   £5.1bn in 2015), two BBC highlights deals six years apart, an NBC rights award and the start of
   NBC's coverage ten months later, two transfers on the same deadline night (Torres, Carroll).
4. Pieces without a news peg of their own (analysis, explainers, profiles, columns) join the event
   they are about when one is clearly identifiable (the FT's analysis of the attack joins the attack;
   the BBC's piece on Malaysian military radar joins the 15 March diversion revelation); previews join
   the scheduled happening they preview (a pre-speech profile joins the convention speech; an op-ed
   written the day before joins the EU ministers' meeting). Otherwise they are single-article events
   (biographies, timelines, history pieces, evergreen features).
5. Content over peg: an article is labelled by what it reports, not why it was (re)published (an
   April 2014 interview republished in January 2015 keeps its April 2014 event).
6. The topic is never evidence. Articles filed under a topic they are not about keep their own event
   (the MH17 shoot-down filed under MH370; a Samsung Wave sales milestone filed under "smartphone").
7. Products: all launch-day coverage of the Galaxy S5 (announcement, hands-on, feature notes) is one
   event; reviews of the retail phone are one event (its review cycle); each variant (Active, Sport)
   and each later happening (a hack, a camera fault, carriers disabling a feature, sales figures) is
   its own event.

Known weaknesses
----------------
* No timestamps. The files hold only headline and body text: no publication date, URL or outlet.
  Dates in event ids are inferred from the text (weekday references, stated dates, "three days
  after...") and the labeller's knowledge of the events, and may be off; a bench cannot use the data
  to test time windows except through what the text says.
* Labeller's judgement, single labeller, single pass, no second annotator or agreement figure. The
  granularity calls listed in ``NOTES`` could reasonably go the other way; the coarsest ones are the
  20-article Paris attack event (which includes Saturday's statements and two week-later explainers
  of the attackers) and the Galaxy S5 review cluster (a review cycle, not one happening).
* Skew. The Paris attack event alone holds 190 of the 294 same-event pairs, and most events are
  single articles, so pair-counting metrics are dominated by one cluster; report per-event or
  B-cubed figures beside pair counts.
* Era and register. Articles span 1985 (a history piece) to 2015 and mix wire copy, features, op-eds,
  blog posts, a spec sheet and biography pages; several are near-evergreen and fit no event well.
* cp1252 text with CRLF line ends and some mojibake; readers must decode explicitly.

Licence
-------
The WikiRef220 folder states no licence ("evaluation use"); the articles are the copyrighted work of
their publishers. None of their text is copied here: this module holds only file names, our event
labels and our own short notes. The texts stay in ``/work/shared/eval/wikiref220`` and must be read
from there at run time (a bench using this set should skip with a clear message when the folder is
absent).
"""

EVENTS: dict[str, str] = {
    # Paris attacks, November 2015
    "WikiRef220/ParisAttacks2015 (35).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (16).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (15).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (6).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (7).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (8).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (9).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (10).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (3).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (4).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (17).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (18).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (19).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (20).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (34).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (2).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (13).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (22).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (11).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (26).txt": "paris-attacks-2015-11-13",
    "WikiRef220/ParisAttacks2015 (36).txt": "paris-attackers-identified-manhunt-2015-11-15",
    "WikiRef220/ParisAttacks2015 (29).txt": "paris-attackers-identified-manhunt-2015-11-15",
    "WikiRef220/ParisAttacks2015 (31).txt": "paris-attackers-identified-manhunt-2015-11-15",
    "WikiRef220/ParisAttacks2015 (14).txt": "paris-turkey-warned-france-2015-11-16",
    "WikiRef220/ParisAttacks2015 (30).txt": "paris-hollande-versailles-congress-2015-11-16",
    "WikiRef220/ParisAttacks2015 (32).txt": "paris-115000-security-128-raids-2015-11-17",
    "WikiRef220/ParisAttacks2015 (12).txt": "paris-saint-denis-raid-abaaoud-2015-11-18",
    "WikiRef220/ParisAttacks2015 (24).txt": "paris-saint-denis-raid-abaaoud-2015-11-18",
    "WikiRef220/ParisAttacks2015 (23).txt": "paris-saint-denis-raid-abaaoud-2015-11-18",
    "WikiRef220/ParisAttacks2015 (1).txt": "paris-death-toll-130-2015-11-20",
    "WikiRef220/ParisAttacks2015 (25).txt": "paris-eu-border-checks-meeting-2015-11-20",
    "WikiRef220/ParisAttacks2015 (5).txt": "paris-eu-border-checks-meeting-2015-11-20",
    "WikiRef220/ParisAttacks2015 (28).txt": "paris-abdeslam-on-run-from-isis-2015-11",
    "WikiRef220/ParisAttacks2015 (33).txt": "paris-hollande-obama-meeting-2015-11-24",
    "WikiRef220/ParisAttacks2015 (21).txt": "paris-molenbeek-mayor-list-2015-11-25",
    "WikiRef220/ParisAttacks2015 (27).txt": "paris-bbc-names-stade-bomber-2015-12",
    # Malaysia Airlines flight MH370
    "WikiRef220/malaysia.airlines.flight.34.txt": "mh370-disappearance-2014-03-08",
    "WikiRef220/malaysia.airlines.flight.9.txt": "mh370-disappearance-2014-03-08",
    "WikiRef220/malaysia.airlines.flight.10.txt": "mh370-oil-slicks-ruled-out-2014-03-10",
    "WikiRef220/malaysia.airlines.flight.29.txt": "mh370-iranian-passports-interpol-2014-03-11",
    "WikiRef220/malaysia.airlines.flight.74.txt": "mh370-deliberate-diversion-corridors-2014-03-15",
    "WikiRef220/malaysia.airlines.flight.75.txt": "mh370-deliberate-diversion-corridors-2014-03-15",
    "WikiRef220/malaysia.airlines.flight.76.txt": "mh370-deliberate-diversion-corridors-2014-03-15",
    "WikiRef220/malaysia.airlines.flight.236.txt": "mh370-deliberate-diversion-corridors-2014-03-15",
    "WikiRef220/malaysia.airlines.flight.16.txt": "mh370-australia-leads-southern-search-2014-03-17",
    "WikiRef220/malaysia.airlines.flight.79.txt": "mh370-australia-leads-southern-search-2014-03-17",
    "WikiRef220/malaysia.airlines.flight.15.txt": "mh370-najib-ended-in-indian-ocean-2014-03-24",
    "WikiRef220/malaysia.airlines.flight.14.txt": "mh370-najib-ended-in-indian-ocean-2014-03-24",
    "WikiRef220/malaysia.airlines.flight.13.txt": "mh370-najib-ended-in-indian-ocean-2014-03-24",
    "WikiRef220/malaysia.airlines.flight.245.txt": "mh370-beijing-protest-search-halted-2014-03-25",
    "WikiRef220/malaysia.airlines.flight.278.txt": "mh370-beijing-protest-search-halted-2014-03-25",
    "WikiRef220/malaysia.airlines.flight.225.txt": "mh370-compensation-explainer-2014-03",
    "WikiRef220/malaysia.airlines.flight.86.txt": "mh370-search-shift-credible-lead-2014-03-28",
    "WikiRef220/malaysia.airlines.flight.84.txt": "mh370-search-shift-credible-lead-2014-03-28",
    "WikiRef220/malaysia.airlines.flight.83.txt": "mh370-search-shift-credible-lead-2014-03-28",
    "WikiRef220/malaysia.airlines.flight.142.txt": "mh370-houston-heads-jacc-2014-03-30",
    "WikiRef220/malaysia.airlines.flight.134.txt": "mh370-ping-signals-verified-2014-04",
    "WikiRef220/malaysia.airlines.flight.137.txt": "mh370-icao-protocol-analysis-2014",
    "WikiRef220/malaysia.airlines.flight.22.txt": "mh370-search-cost-reuters-2014-04",
    "WikiRef220/malaysia.airlines.flight.276.txt": "mh370-anwar-concealment-claim-2014-04",
    "WikiRef220/malaysia.airlines.flight.223.txt": "mh370-legal-liability-analysis-2014-05",
    "WikiRef220/malaysia.airlines.flight.24.txt": "mh370-ping-zone-ruled-out-2014-05",
    "WikiRef220/malaysia.airlines.flight.21.txt": "mh370-atsb-report-new-search-area-2014-06-26",
    "WikiRef220/malaysia.airlines.flight.31.txt": "mh370-atsb-report-new-search-area-2014-06-26",
    "WikiRef220/malaysia.airlines.flight.32.txt": "mh370-atsb-report-new-search-area-2014-06-26",
    "WikiRef220/malaysia.airlines.flight.71.txt": "mh370-country-search-spending-2014",
    "WikiRef220/malaysia.airlines.flight.36.txt": "mh17-crash-malaysia-airlines-2014-07-17",
    "WikiRef220/malaysia.airlines.flight.70.txt": "mh370-fugro-contract-2014-08-06",
    "WikiRef220/malaysia.airlines.flight.25.txt": "mh370-deep-sea-search-begins-2014-10-06",
    "WikiRef220/malaysia.airlines.flight.98.txt": "mh370-deep-sea-search-begins-2014-10-06",
    "WikiRef220/malaysia.airlines.flight.18.txt": "mh370-atsb-flight-path-update-2014-10",
    "WikiRef220/malaysia.airlines.flight.230.txt": "mh370-boys-sue-airline-2014-11",
    "WikiRef220/malaysia.airlines.flight.227.txt": "mh370-declared-accident-2015-01-29",
    "WikiRef220/malaysia.airlines.flight.66.txt": "mh370-declared-accident-2015-01-29",
    "WikiRef220/malaysia.airlines.flight.143.txt": "mh370-interim-report-2015-03-08",
    # Michelle Obama
    "WikiRef220/michelle.obama.23.txt": "mobama-2004-senate-campaign-profile",
    "WikiRef220/michelle.obama.56.txt": "mobama-south-carolina-campaign-2008-01",
    "WikiRef220/michelle.obama.64.txt": "mobama-wsj-interview-2008-02",
    "WikiRef220/michelle.obama.73.txt": "mobama-dowd-column-attacks-2008-06",
    "WikiRef220/michelle.obama.75.txt": "mobama-image-reboot-the-view-2008-06-18",
    "WikiRef220/michelle.obama.70.txt": "mobama-image-reboot-the-view-2008-06-18",
    "WikiRef220/michelle.obama.9.txt": "mobama-image-reboot-the-view-2008-06-18",
    "WikiRef220/michelle.obama.111.txt": "mobama-gay-democrats-dinner-2008-06",
    "WikiRef220/michelle.obama.79.txt": "mobama-dnc-speech-2008-08-25",
    "WikiRef220/michelle.obama.80.txt": "mobama-dnc-speech-2008-08-25",
    "WikiRef220/michelle.obama.62.txt": "mobama-dnc-speech-2008-08-25",
    "WikiRef220/michelle.obama.83.txt": "mobama-dnc-speech-2008-08-25",
    "WikiRef220/michelle.obama.20.txt": "mobama-dnc-speech-2008-08-25",
    "WikiRef220/michelle.obama.113.txt": "mobama-lgbt-delegates-lunch-2008-08-26",
    "WikiRef220/michelle.obama.15.txt": "mobama-rabbi-cousin-2008",
    "WikiRef220/michelle.obama.67.txt": "mobama-balancing-family-interview-2008",
    "WikiRef220/michelle.obama.86.txt": "mobama-larry-king-interviews-2008-09",
    "WikiRef220/michelle.obama.144.txt": "mobama-op-ed-first-lady-priorities-2008",
    "WikiRef220/michelle.obama.22.txt": "mobama-bouchet-school-2008-11",
    "WikiRef220/michelle.obama.146.txt": "mobama-momified-op-ed-2008-11",
    "WikiRef220/michelle.obama.122.txt": "mobama-people-best-dressed-2008",
    "WikiRef220/michelle.obama.123.txt": "mobama-people-best-dressed-2008",
    "WikiRef220/michelle.obama.127.txt": "mobama-fashion-week-2009-02",
    "WikiRef220/michelle.obama.138.txt": "mobama-vogue-cover-2009-02",
    "WikiRef220/michelle.obama.139.txt": "mobama-vogue-cover-2009-02",
    "WikiRef220/michelle.obama.118.txt": "mobama-dog-plans-2009-02-25",
    "WikiRef220/michelle.obama.130.txt": "mobama-london-g20-trip-2009-04",
    "WikiRef220/michelle.obama.103.txt": "mobama-white-house-beehive-2009",
    "WikiRef220/michelle.obama.12.txt": "mobama-slavery-roots-genealogy-2009-10",
    "WikiRef220/michelle.obama.114.txt": "mobama-joining-forces-gay-families-2011-09",
    "WikiRef220/michelle.obama.109.txt": "mobama-garden-book-2012-05",
    "WikiRef220/michelle.obama.115.txt": "mobama-gay-marriage-jarrett-2012-05",
    "WikiRef220/michelle.obama.142.txt": "mobama-oscars-best-picture-2013-02-24",
    "WikiRef220/michelle.obama.100.txt": "mobama-politico-feminist-nightmare-2013-11",
    "WikiRef220/michelle.obama.98.txt": "mobama-politico-feminist-nightmare-2013-11",
    "WikiRef220/michelle.obama.101.txt": "mobama-china-trip-announced-2014-03-05",
    "WikiRef220/michelle.obama.102.txt": "mobama-bringbackourgirls-2014-05",
    "WikiRef220/michelle.obama.95.txt": "mobama-white-house-bio",
    # Premier League
    "WikiRef220/premier.league.9.txt": "pl-heysel-english-ban-1985-05",
    "WikiRef220/premier.league.17.txt": "pl-ferguson-sheffield-match-report-1990s",
    "WikiRef220/premier.league.134.txt": "pl-forty-factors-inflation-2002",
    "WikiRef220/premier.league.125.txt": "pl-wenger-non-english-squad-2005-02",
    "WikiRef220/premier.league.26.txt": "pl-fifa-18-club-proposal-2005",
    "WikiRef220/premier.league.40.txt": "pl-liverpool-champions-league-entry-2005-06",
    "WikiRef220/premier.league.61.txt": "pl-bbc-highlights-2007-10-rights-2006",
    "WikiRef220/premier.league.140.txt": "pl-shevchenko-to-chelsea-2006-05",
    "WikiRef220/premier.league.44.txt": "pl-barclays-sponsorship-renewed-2006",
    "WikiRef220/premier.league.63.txt": "pl-overseas-tv-625m-2007",
    "WikiRef220/premier.league.73.txt": "pl-worlds-favourite-league-2007",
    "WikiRef220/premier.league.54.txt": "pl-arsenal-200m-turnover-2007",
    "WikiRef220/premier.league.21.txt": "pl-keegan-boring-top-four-2008",
    "WikiRef220/premier.league.22.txt": "pl-scudamore-defends-league-2008",
    "WikiRef220/premier.league.141.txt": "pl-robinho-to-man-city-2008-09-01",
    "WikiRef220/premier.league.87.txt": "pl-relegated-clubs-feature-2008",
    "WikiRef220/premier.league.126.txt": "pl-players-origin-map-2009",
    "WikiRef220/premier.league.29.txt": "pl-v-england-timeline",
    "WikiRef220/premier.league.137.txt": "pl-bundesliga-more-profitable-deloitte-2010",
    "WikiRef220/premier.league.56.txt": "pl-real-madrid-tv-revenue-2010",
    "WikiRef220/premier.league.64.txt": "pl-overseas-tv-1bn-parachute-2010",
    "WikiRef220/premier.league.133.txt": "pl-squad-rules-explained-2010",
    "WikiRef220/premier.league.143.txt": "pl-torres-to-chelsea-2011-01-31",
    "WikiRef220/premier.league.142.txt": "pl-carroll-to-liverpool-2011-01-31",
    "WikiRef220/premier.league.92.txt": "pl-swansea-first-match-2011-08",
    "WikiRef220/premier.league.25.txt": "pl-mcleish-super-clubs-2011-09",
    "WikiRef220/premier.league.96.txt": "pl-uefa-welsh-clubs-ruling-2011",
    "WikiRef220/premier.league.89.txt": "pl-tottenham-worst-defence-stat",
    "WikiRef220/premier.league.55.txt": "pl-cost-controls-agreed-2012",
    "WikiRef220/premier.league.3.txt": "pl-sky-bt-3bn-rights-2012-06",
    "WikiRef220/premier.league.68.txt": "pl-bbc-match-of-the-day-renewal-2012",
    "WikiRef220/premier.league.79.txt": "pl-nbc-wins-us-rights-2012-10",
    "WikiRef220/premier.league.4.txt": "pl-europe-tv-rights-report-2012-11",
    "WikiRef220/premier.league.77.txt": "pl-china-rights-super-sports-2013",
    "WikiRef220/premier.league.78.txt": "pl-nbc-coverage-launch-2013-08",
    "WikiRef220/premier.league.5.txt": "pl-scudamore-interview-global-appeal",
    "WikiRef220/premier.league.72.txt": "pl-sky-bt-5bn-rights-2015-02",
    # Samsung Galaxy S5
    "WikiRef220/samsung.galaxy.s5.30.txt": "google-motorola-samsung-analysis-2014-01",
    "WikiRef220/samsung.galaxy.s5.15.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.19.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.14.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.16.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.26.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.29.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.35.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.25.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.27.txt": "galaxy-s5-unveiled-mwc-2014-02-24",
    "WikiRef220/samsung.galaxy.s5.22.txt": "samsung-system-lsi-mwc-chips-2014-02",
    "WikiRef220/samsung.galaxy.s5.4.txt": "galaxy-s5-reviews-2014-03",
    "WikiRef220/samsung.galaxy.s5.7.txt": "galaxy-s5-reviews-2014-03",
    "WikiRef220/samsung.galaxy.s5.3.txt": "galaxy-s5-reviews-2014-03",
    "WikiRef220/samsung.galaxy.s5.28.txt": "galaxy-s5-reviews-2014-03",
    "WikiRef220/samsung.galaxy.s5.2.txt": "galaxy-s5-reviews-2014-03",
    "WikiRef220/samsung.galaxy.s5.1.txt": "galaxy-s5-reviews-2014-03",
    "WikiRef220/samsung.galaxy.s5.21.txt": "galaxy-s5-spec-sheet",
    "WikiRef220/samsung.galaxy.s5.6.txt": "galaxy-s5-fingerprint-hacked-2014-04-15",
    "WikiRef220/samsung.galaxy.s5.13.txt": "galaxy-s5-camera-failure-2014-04",
    "WikiRef220/samsung.galaxy.s5.31.txt": "galaxy-s5-download-booster-blocked-2014-04",
    "WikiRef220/samsung.galaxy.s5.32.txt": "galaxy-s5-download-booster-blocked-2014-04",
    "WikiRef220/samsung.galaxy.s5.33.txt": "galaxy-s5-download-booster-blocked-2014-04",
    "WikiRef220/samsung.galaxy.s5.34.txt": "galaxy-s5-fingerprint-pass-api-2014",
    "WikiRef220/samsung.galaxy.s5.41.txt": "galaxy-s5-first-month-sales-record-2014-05",
    "WikiRef220/samsung.galaxy.s5.42.txt": "galaxy-s5-first-month-sales-record-2014-05",
    "WikiRef220/samsung.galaxy.s5.39.txt": "galaxy-s5-sport-announced-2014-05",
    "WikiRef220/samsung.galaxy.s5.38.txt": "galaxy-s5-active-review-2014-06",
    "WikiRef220/samsung.galaxy.s5.37.txt": "galaxy-s5-sport-review-2014",
    "WikiRef220/samsung.galaxy.s5.44.txt": "samsung-profits-decline-2014-07",
    "WikiRef220/samsung.galaxy.s5.45.txt": "samsung-market-share-idc-q2-2014-07",
    "WikiRef220/samsung.galaxy.s5.40.txt": "galaxy-alpha-s5-active-canada-2014-09",
    "WikiRef220/samsung.galaxy.s5.43.txt": "galaxy-s5-sales-disappoint-wsj-2014-11",
    "WikiRef220/samsung.galaxy.s5.47.txt": "galaxy-s5-sales-disappoint-wsj-2014-11",
    "WikiRef220/samsung.galaxy.s5.36.txt": "galaxy-s5-lollipop-poland-2014-12",
    # noise topics (5 or fewer articles each)
    "WikiRef220/barack.obama.1.txt": "obama-white-house-bio",
    "WikiRef220/barack.obama.3.txt": "obama-hawaii-roots-2008",
    "WikiRef220/barack.obama.4.txt": "obama-twin-sisters-hawaii-2008",
    "WikiRef220/barack.obama.9.txt": "obama-mother-profile-2008",
    "WikiRef220/barack.obama.24.txt": "obama-choom-gang-maraniss-2012-05",
    "WikiRef220/cypriot.financial.crisis.36.txt": "cyprus-anastasiades-family-transfers-2013-04",
    "WikiRef220/cypriot.financial.crisis.37.txt": "cyprus-anastasiades-family-transfers-2013-04",
    "WikiRef220/cypriot.financial.crisis.38.txt": "cyprus-politician-loan-writeoffs-2013-04",
    "WikiRef220/cypriot.financial.crisis.39.txt": "cyprus-citizenship-eased-2013-04",
    "WikiRef220/cypriot.financial.crisis.40.txt": "cyprus-citizenship-eased-2013-04",
    "WikiRef220/debt.crisis.greece.178.txt": "uk-imf-contribution-athens-riots-2011-06-15",
    "WikiRef220/debt.crisis.greece.179.txt": "wall-street-falls-greek-debt-2011-06-15",
    "WikiRef220/debt.crisis.greece.81.txt": "greece-un-expert-austerity-rights-2011-06-30",
    "WikiRef220/debt.crisis.greece.207.txt": "greece-austerity-vote-riots-2012-02-12",
    "WikiRef220/debt.crisis.greece.263.txt": "greece-second-bailout-approved-2012-03",
    "WikiRef220/greek.elections.112.txt": "greece-election-result-2012-06-17",
    "WikiRef220/greek.elections.113.txt": "greece-election-result-2012-06-17",
    "WikiRef220/greek.elections.114.txt": "greece-coalition-talks-2012-06-18",
    "WikiRef220/greek.elections.115.txt": "greece-coalition-talks-2012-06-18",
    "WikiRef220/greek.elections.117.txt": "greece-samaras-sworn-in-2012-06-20",
    "WikiRef220/smartphone.74.txt": "samsung-wave-million-sales-2010",
    "WikiRef220/smartphone.129.txt": "samsung-superphone-mobilebeat-2010-07",
    "WikiRef220/smartphone.78.txt": "smartphone-base-1-billion-2012-10",
    "WikiRef220/smartphone.95.txt": "xiaomi-global-top10-canalys-2014-05",
    "WikiRef220/smartphone.107.txt": "smartphone-battery-life-column",
    "WikiRef220/tohoku.earthquake.tsunami.9.txt": "japan-earthquake-tsunami-2011-03-11",
    "WikiRef220/tohoku.earthquake.tsunami.3.txt": "japan-earthquake-tsunami-2011-03-11",
    "WikiRef220/tohoku.earthquake.tsunami.14.txt": "japan-kan-crisis-power-cuts-2011-03-13",
    "WikiRef220/tohoku.earthquake.tsunami.8.txt": "japan-usgs-magnitude-9-upgrade-2011-03-14",
    "WikiRef220/tohoku.earthquake.tsunami.12.txt": "japan-kan-names-quake-2011-04-01",
    "WikiRef220/NBA.draft.2.txt": "nba-draft-lottery-history",
    "WikiRef220/Rolling.Stones.197.txt": "rolling-stones-hyde-park-announced-2013-04",
    "WikiRef220/U2.149.txt": "u2-ordinary-love-mandela-trailer-2013",
    "WikiRef220/stephen.hawking.275.txt": "hawking-ai-warning-2014-12",
    "WikiRef220/wall.street.51.txt": "maharishi-wall-street-office",
}

NOTES: dict[str, str] = {
    "paris-attacks-2015-11-13": (
        "Widest call. Holds the night-of reports and the president's speech that night, the Saturday roundups "
        "(IS claim, prosecutor's timeline, first Belgian arrests, 'act of war' remarks: 6, 7, 8, 9, 10, 15), "
        "reconstructions of the Bataclan and Stade de France (17, 18, 19, 20), next-days reaction and victims "
        "pieces (4, 34 Saturday vigil, 2 missing-persons search) and analysis with no peg of its own (13, "
        "22). 11 and 26 are explainers of the attackers written about a week later; kept here as pieces about "
        "the attack rather than about a later happening. A stricter labeller could split off the Saturday "
        "'act of war' statement (8, 10) and the two explainers."
    ),
    "paris-attackers-identified-manhunt-2015-11-15": (
        "Sunday developments: first attacker identified (from a severed finger), his relatives detained, "
        "warrant and manhunt for Salah Abdeslam. Split from the attack because these articles lead with new "
        "arrests/identifications; Saturday's first Belgian arrests stayed with the attack because they appear "
        "only inside attack roundups. The Saturday/Sunday line is the labeller's."
    ),
    "paris-turkey-warned-france-2015-11-16": (
        "A new statement (Turkish official, Monday) about an attacker already identified; kept apart from the "
        "Sunday identification event."
    ),
    "paris-saint-denis-raid-abaaoud-2015-11-18": (
        "24 is a profile of the organiser written during Wednesday's raid, naming him as its target; 23 is a "
        "profile written after his death in the raid was confirmed (Thursday). Confirmation is new detail on "
        "the same raid, so both join the raid."
    ),
    "paris-death-toll-130-2015-11-20": (
        "Friday update that also carries raid statistics and Saint-Denis aftermath (a third body); kept as "
        "its own event because it leads with the new death toll, not with the raid."
    ),
    "paris-eu-border-checks-meeting-2015-11-20": (
        "5 is an opinion piece published the day before the EU interior ministers' emergency meeting, "
        "previewing it; grouped with the report of the meeting's decision (25) under the preview rule."
    ),
    "paris-hollande-obama-meeting-2015-11-24": (
        "Also mentions a suicide belt found and the Brussels lockdown; labelled by its lead."
    ),
    "mh370-disappearance-2014-03-08": (
        "34 (experts surprised at the loss, day of disappearance) and 9 (day-3 'what we don't know' "
        "explainer). The oil-slick lab result (10) and the Interpol passport identification (29), from the "
        "same days, lead with distinct announcements and are separate events."
    ),
    "mh370-deliberate-diversion-corridors-2014-03-15": (
        "The prime minister's Saturday press conference (two corridors, deliberate diversion). 76 (South "
        "China Sea search ended, India keeps searching) and 75 (Malaysia asks more countries for help, next "
        "day) report its immediate consequences; 236 is BBC analysis of the military-radar revelation behind "
        "it."
    ),
    "mh370-australia-leads-southern-search-2014-03-17": (
        "Kept apart from the 15 March revelation: a new decision by another government two days later."
    ),
    "mh370-beijing-protest-search-halted-2014-03-25": (
        "Two BBC pages from the day after the 24 March announcement, each carrying both developments "
        "(relatives' scuffles at the embassy, weather suspending the search) with different leads; new "
        "happenings, so apart from the announcement."
    ),
    "mh370-compensation-explainer-2014-03": (
        "Compensation Q&A pegged loosely on the airline's declaration that week; its content is not the "
        "announcement, so a single-article event. Kept apart from the May legal-liability analysis too."
    ),
    "mh370-search-shift-credible-lead-2014-03-28": (
        "86 (search moves 1,100 km north-east) and 84 (objects spotted in the new area, same day). 83 is an "
        "explainer of two weeks of debris sightings written after the move; joined here by rule 4."
    ),
    "mh370-ping-zone-ruled-out-2014-05": (
        "Headline is about search cost, like mh370-search-cost-reuters-2014-04, but the peg is the "
        "announcement that the April ping area held no wreckage; two months apart, different events."
    ),
    "mh370-anwar-concealment-claim-2014-04": (
        "Republished in January 2015 on the day the loss was declared an accident, but the content is the "
        "opposition leader's April 2014 interview; labelled by content (rule 5), not with the declaration."
    ),
    "mh370-atsb-flight-path-update-2014-10": (
        "Says 'seven months' after the loss: the October 2014 flight-path update, not the 26 June report "
        "(mh370-atsb-report-new-search-area-2014-06-26) it closely resembles. Deliberate hard negative."
    ),
    "mh370-deep-sea-search-begins-2014-10-06": (
        "25 (search resumed Sunday night) and 98 (deep-sea hunt began Monday, seabed maps) report the same "
        "restart a few hours apart."
    ),
    "mh370-declared-accident-2015-01-29": (
        "66 is the BBC 'what we know' explainer re-topped with the declaration; joined by its lead."
    ),
    "mh17-crash-malaysia-airlines-2014-07-17": (
        "Filed under MH370 but reports the MH17 crash over Ukraine and its threat to the airline."
    ),
    "mobama-image-reboot-the-view-2008-06-18": (
        "75 reports her guest-hosting of The View; 70 (published before it) and 9 (a week after) are about "
        "the campaign's June 2008 re-introduction of her built around that appearance. 73, a column on "
        "attacks on her from the same week, does not report the happening and stays a single-article event."
    ),
    "mobama-dnc-speech-2008-08-25": (
        "79, 80, 62 report the convention speech, 83 collects reactions to it, 20 is a profile published "
        "before it that previews it (rule 4). Her appearance at the LGBT delegates' lunch the next day (113) "
        "and her op-ed weeks later (144) are separate events."
    ),
    "mobama-politico-feminist-nightmare-2013-11": (
        "Both are rebuttals of the same Politico Magazine cover story; neither is the story itself. Grouped "
        "by the happening they respond to (its publication and the row over it)."
    ),
    "mobama-people-best-dressed-2008": "Two reports of the same People magazine list.",
    "pl-keegan-boring-top-four-2008": (
        "Keegan's remark after the Chelsea defeat (21) and the league chief's rebuttal (22) are kept apart: a "
        "new statement by someone else on another day (rule 2), although 22 restates the remark. A looser "
        "editor would merge them; this is the set's sharpest reaction-piece negative."
    ),
    "pl-scudamore-defends-league-2008": "See pl-keegan-boring-top-four-2008.",
    "pl-torres-to-chelsea-2011-01-31": (
        "Same deadline night as pl-carroll-to-liverpool-2011-01-31, and each article mentions the other deal, "
        "but they are two transactions with different clubs; kept apart."
    ),
    "pl-carroll-to-liverpool-2011-01-31": "See pl-torres-to-chelsea-2011-01-31.",
    "pl-nbc-coverage-launch-2013-08": (
        "Feature on NBC starting its coverage, ten months after the rights award "
        "(pl-nbc-wins-us-rights-2012-10)."
    ),
    "galaxy-s5-unveiled-mwc-2014-02-24": (
        "Launch-day coverage at Mobile World Congress: announcement reports, hands-on and preview pieces, "
        "feature notes published that day (25 eight-core variant, 27 power-saving mode) and 29, an analysis "
        "of the unchanged interface pegged on the launch. Samsung's same-show chip press release (22) is a "
        "separate announcement."
    ),
    "galaxy-s5-reviews-2014-03": (
        "Weakest cluster: not one happening but the review cycle of the retail phone (full reviews 3, 4, 7, "
        "28; camera review 2; camera-hardware explainer 1), most published around the end-of-March embargo. "
        "Reviews of the Active and Sport variants are separate events. A stricter labeller would make each a "
        "single-article event."
    ),
    "galaxy-s5-spec-sheet": "A spec-sheet page, not an article; no event, so a single-article event.",
    "galaxy-s5-first-month-sales-record-2014-05": (
        "41 reports Korean reports of 10 million shipped in 25 days; 42 reports Samsung's mobile chief "
        "confirming (11 million in the first month) in an interview. The official confirmation adds detail to "
        "the same fact, unlike the Keegan/Scudamore rebuttal, so one event."
    ),
    "galaxy-s5-sales-disappoint-wsj-2014-11": "Both report the same Wall Street Journal report.",
    "samsung-profits-decline-2014-07": (
        "Samsung's own profit figures; kept apart from IDC's market-share estimates "
        "(samsung-market-share-idc-q2-2014-07) of the same quarter."
    ),
    "galaxy-s5-sport-announced-2014-05": (
        "Announcement of the Sprint variant, apart from the later review of it (galaxy-s5-sport-review-2014)."
    ),
    "uk-imf-contribution-athens-riots-2011-06-15": (
        "Same day as wall-street-falls-greek-debt-2011-06-15 and driven by the same crisis, but a different "
        "happening (a UK Treasury order; the Athens riots appear as context). Hard negative."
    ),
    "greece-coalition-talks-2012-06-18": (
        "Day one (114) and day two, with a preliminary deal (115), of the same coalition talks; kept apart "
        "from the election result before and the swearing-in after."
    ),
    "cyprus-anastasiades-family-transfers-2013-04": (
        "The newspaper allegation and the president's call for an investigation, reported together. The "
        "politicians' loan write-off list (cyprus-politician-loan-writeoffs-2013-04), from days earlier, is a "
        "different revelation."
    ),
    "japan-earthquake-tsunami-2011-03-11": (
        "9 reports the quake and tsunami; 3 is a rolling 'what we know' account of them, topped on 12 March "
        "by the first Fukushima explosion; kept with the quake as a running account of it. The prime "
        "minister's 13 March warning (14) and the 14 March magnitude upgrade (8) are separate events."
    ),
}
