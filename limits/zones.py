"""A small table from common countries, regions and cities (as LinkedIn shows locations) to IANA zones.

Countries spanning several zones map to their most populous one; the caller tries the most specific part
of a location first, so a city or region named before its country wins.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# One line: "Zone: name, name, ..."; a zone may take several lines.
_TABLE = """
Europe/London: united kingdom, uk, england, scotland, wales, london, manchester, birmingham, edinburgh
Europe/London: glasgow, bristol, leeds
Europe/Dublin: ireland, dublin, cork
Europe/Lisbon: portugal, lisbon, lisboa, porto
Europe/Madrid: spain, espana, madrid, barcelona, valencia, sevilla, seville, bilbao, malaga
Europe/Paris: france, paris, lyon, marseille, toulouse, lille, nantes, bordeaux
Europe/Brussels: belgium, brussels, antwerp, ghent
Europe/Amsterdam: the netherlands, the hague, netherlands, holland, amsterdam, rotterdam, utrecht
Europe/Amsterdam: eindhoven
Europe/Luxembourg: luxembourg
Europe/Berlin: germany, deutschland, berlin, munich, munchen, hamburg, frankfurt, cologne, koln
Europe/Berlin: stuttgart, dusseldorf
Europe/Zurich: switzerland, zurich, geneva, basel, lausanne, bern
Europe/Vienna: austria, vienna, wien
Europe/Rome: italy, italia, rome, roma, milan, milano, turin, torino, naples, florence, bologna
Europe/Copenhagen: denmark, copenhagen, aarhus
Europe/Stockholm: sweden, stockholm, gothenburg, malmo
Europe/Oslo: norway, oslo, bergen
Europe/Helsinki: finland, helsinki, espoo
Europe/Warsaw: poland, warsaw, warszawa, krakow, wroclaw, gdansk
Europe/Prague: czech republic, czechia, prague, brno
Europe/Budapest: hungary, budapest
Europe/Bucharest: romania, bucharest, cluj
Europe/Athens: greece, athens
Europe/Istanbul: turkey, turkiye, istanbul, ankara
Europe/Kyiv: ukraine, kyiv, kiev, lviv
Europe/Moscow: saint petersburg, russia, moscow
America/New_York: north carolina, washington dc, united states, new jersey, new york, usa, us, nyc
America/New_York: boston, miami, atlanta, philadelphia, florida, georgia, massachusetts, pennsylvania
America/New_York: virginia, ohio, michigan, detroit
America/Chicago: chicago, illinois, texas, austin, dallas, houston, minneapolis, minnesota, missouri
America/Chicago: tennessee
America/Denver: salt lake city, denver, colorado, utah, arizona, phoenix
America/Los_Angeles: washington state, silicon valley, san francisco, los angeles, las vegas, san diego
America/Los_Angeles: bay area, san jose, california, seattle, oregon, portland, nevada
America/Toronto: canada, toronto, ontario, ottawa, montreal, quebec
America/Vancouver: british columbia, vancouver
America/Mexico_City: mexico city, mexico, guadalajara, monterrey
America/Bogota: colombia, bogota, medellin
America/Lima: peru, lima
America/Santiago: chile, santiago
America/Argentina/Buenos_Aires: buenos aires, argentina
America/Sao_Paulo: rio de janeiro, belo horizonte, sao paulo, brazil, brasil
Africa/Lagos: nigeria, lagos, abuja
Africa/Nairobi: kenya, nairobi
Africa/Johannesburg: south africa, cape town, johannesburg, durban
Africa/Cairo: egypt, cairo
Africa/Casablanca: morocco, casablanca
Asia/Jerusalem: tel aviv, israel, jerusalem
Asia/Dubai: united arab emirates, abu dhabi, uae, dubai
Asia/Riyadh: saudi arabia, riyadh, jeddah
Asia/Kolkata: new delhi, india, bangalore, bengaluru, mumbai, delhi, hyderabad, chennai, pune, kolkata
Asia/Kolkata: gurgaon
Asia/Karachi: pakistan, karachi, lahore
Asia/Dhaka: bangladesh, dhaka
Asia/Singapore: singapore
Asia/Kuala_Lumpur: kuala lumpur, malaysia
Asia/Jakarta: indonesia, jakarta
Asia/Manila: philippines, manila
Asia/Bangkok: thailand, bangkok
Asia/Ho_Chi_Minh: ho chi minh city, vietnam, hanoi
Asia/Hong_Kong: hong kong
Asia/Shanghai: china, shanghai, beijing, shenzhen
Asia/Taipei: taiwan, taipei
Asia/Seoul: south korea, korea, seoul
Asia/Tokyo: japan, tokyo, osaka
Australia/Sydney: australia, sydney, melbourne, canberra
Australia/Brisbane: brisbane, queensland
Australia/Perth: western australia, perth
Pacific/Auckland: new zealand, auckland, wellington
"""

# (name, zone), longest names first so "new york" wins over "york" and "western australia" over "australia".
ZONES: list[tuple[str, str]] = sorted(
    (
        (name.strip(), zone)
        for zone, names in (line.split(": ", 1) for line in _TABLE.strip().splitlines())
        for name in names.split(",")
    ),
    key=lambda pair: -len(pair[0]),
)


def zone_info(name: str) -> ZoneInfo | None:
    """The IANA zone `name`, None when there is none: "Europe" is a folder of the zone database
    (IsADirectoryError), "../etc" a path, "Mars/Base" nothing."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
