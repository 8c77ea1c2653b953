"""Well-known organisations and places, for names the article mentions once: there the label vote has one voter, the
small model, which calls Gazprom a place, Belaruskali a nationality and Minsk an organisation.

Hand-written from public knowledge (capitals and large cities of the world; large companies, banks, agencies and
international bodies that international news names by one short name), not from any labelled corpus. A name is
listed only when it nearly always means the one thing in news: cities that are common surnames or given names
(Washington, Lincoln, Jordan, Victoria, Florence, Santiago, Sofia) are left out, and so are companies named by a
common word (Apple, Shell, Total, Orange, Amazon, Meta, Vale), and buildings that name an institution (Kremlin,
Pentagon, White House), which news types either way. The rule that reads this list
(``type_rules.known_name``) applies the places outside sports copy only, where a town names its club.
"""

from __future__ import annotations

from functools import cache

from services.enricher.canonical import name_key


def _names(text: str) -> tuple[str, ...]:
    """One name a line, for a block of names."""
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


KNOWN_PLACES = _names("""
Kabul
Tirana
Algiers
Luanda
Buenos Aires
Yerevan
Canberra
Vienna
Baku
Manama
Dhaka
Minsk
Brussels
Porto-Novo
Thimphu
La Paz
Sarajevo
Gaborone
Brasilia
Ouagadougou
Bujumbura
Phnom Penh
Yaounde
Ottawa
Bangui
N'Djamena
Beijing
Bogota
Kinshasa
Brazzaville
San Jose
Zagreb
Havana
Nicosia
Prague
Copenhagen
Djibouti
Santo Domingo
Quito
Cairo
San Salvador
Asmara
Tallinn
Addis Ababa
Suva
Helsinki
Libreville
Banjul
Tbilisi
Berlin
Accra
Athens
Guatemala City
Conakry
Bissau
Georgetown
Port-au-Prince
Tegucigalpa
Budapest
Reykjavik
New Delhi
Jakarta
Tehran
Baghdad
Dublin
Jerusalem
Tel Aviv
Rome
Kingston
Tokyo
Amman
Astana
Almaty
Nairobi
Pristina
Kuwait City
Bishkek
Vientiane
Riga
Beirut
Maseru
Monrovia
Tripoli
Vaduz
Vilnius
Antananarivo
Lilongwe
Kuala Lumpur
Bamako
Valletta
Nouakchott
Mexico City
Chisinau
Ulan Bator
Ulaanbaatar
Podgorica
Rabat
Maputo
Yangon
Rangoon
Windhoek
Kathmandu
Amsterdam
The Hague
Wellington
Managua
Niamey
Abuja
Lagos
Pyongyang
Skopje
Oslo
Muscat
Islamabad
Karachi
Lahore
Ramallah
Gaza
Panama City
Port Moresby
Asuncion
Lima
Manila
Warsaw
Lisbon
Doha
Bucharest
Moscow
Kigali
Riyadh
Jeddah
Dakar
Belgrade
Freetown
Bratislava
Ljubljana
Mogadishu
Pretoria
Johannesburg
Cape Town
Seoul
Juba
Madrid
Barcelona
Colombo
Khartoum
Paramaribo
Stockholm
Bern
Geneva
Zurich
Damascus
Taipei
Dushanbe
Dodoma
Dar es Salaam
Bangkok
Lome
Tunis
Ankara
Istanbul
Ashgabat
Kampala
Kiev
Kyiv
Kharkiv
Odessa
Abu Dhabi
Dubai
London
Montevideo
Tashkent
Caracas
Hanoi
Ho Chi Minh City
Sanaa
Aden
Lusaka
Harare
Paris
Frankfurt
Munich
Hamburg
Milan
Naples
St Petersburg
Saint Petersburg
Grozny
Shanghai
Guangzhou
Shenzhen
Hong Kong
Mumbai
Bombay
Kolkata
Calcutta
Chennai
Madras
Bangalore
Osaka
Sao Paulo
Rio de Janeiro
Los Angeles
San Francisco
Chicago
Houston
Toronto
Montreal
Vancouver
Sydney
Melbourne
Singapore
Brussels
Strasbourg
Luxembourg
Monaco
Kaliningrad
Vladivostok
Novosibirsk
Donetsk
Luhansk
Mariupol
Crimea
Sevastopol
Gomel
Grodno
Brest
Vitebsk
Mogilev
Aleppo
Homs
Idlib
Mosul
Basra
Kirkuk
Erbil
Benghazi
Kandahar
Herat
Peshawar
Quetta
Srinagar
Kashmir
Chechnya
Dagestan
Transnistria
Abkhazia
South Ossetia
Nagorno-Karabakh
West Bank
Gaza Strip
Golan Heights
Sinai
Balkans
Caucasus
Siberia
Middle East
""")
"""Capitals, large cities and regions of news, as usually written in English."""

KNOWN_ORGANISATIONS = _names("""
Gazprom
Gazprom Neft
Rosneft
Lukoil
Novatek
Transneft
Rosatom
Roscosmos
Sberbank
VTB
Aeroflot
Belaruskali
Belavia
Uralkali
Norilsk Nickel
Rusal
Severstal
Naftogaz
Ukrenergo
PetroChina
Sinopec
CNOOC
Huawei
Alibaba
Tencent
Baidu
ByteDance
Xiaomi
Samsung
Hyundai
Toyota
Honda
Nissan
Sony
Panasonic
Hitachi
Toshiba
Mitsubishi
Volkswagen
Daimler
Mercedes-Benz
BMW
Siemens
Bayer
BASF
Lufthansa
Deutsche Bank
Commerzbank
Bundesbank
Allianz
Airbus
Boeing
Renault
Peugeot
Michelin
Danone
Nestle
Novartis
Roche
Ericsson
Nokia
Volvo
Statoil
Equinor
Gazprombank
Belgazprombank
ExxonMobil
Exxon
Chevron
ConocoPhillips
BP
Saudi Aramco
Aramco
Petrobras
Pemex
PDVSA
Eni
Repsol
Glencore
Rio Tinto
BHP
ArcelorMittal
Microsoft
Google
Alphabet
Facebook
Intel
IBM
Nvidia
Tesla
SpaceX
Twitter
Netflix
Pfizer
Moderna
AstraZeneca
BioNTech
Goldman Sachs
JPMorgan
Morgan Stanley
Citigroup
Barclays
HSBC
UBS
Credit Suisse
BNP Paribas
Societe Generale
Nasdaq
Reuters
Associated Press
AFP
Agence France-Presse
Bloomberg
Interfax
TASS
ITAR-TASS
RIA Novosti
Xinhua
Kyodo
Yonhap
BelTA
Ukrinform
Anadolu
Al Jazeera
BBC
CNN
NATO
OPEC
Interpol
Europol
Hamas
Hezbollah
Taliban
Taleban
Al Qaeda
UNICEF
UNESCO
UNHCR
OSCE
Frontex
Greenpeace
Amnesty International
Human Rights Watch
Red Cross
""")
"""Companies, banks, agencies, parties and international bodies that news names by one short name."""


@cache
def known_place_keys() -> frozenset[str]:
    return frozenset(name_key(name) for name in KNOWN_PLACES)


@cache
def known_organisation_keys() -> frozenset[str]:
    return frozenset(name_key(name) for name in KNOWN_ORGANISATIONS)


def known_label(name: str) -> str | None:
    """"ORG" or "GPE" for a listed name (any spelling the key folds together), None otherwise."""
    key = name_key(name)
    if key in known_organisation_keys():
        return "ORG"
    if key in known_place_keys():
        return "GPE"
    return None
