"""Names, places and phrases for the demo data: what a Sierra Leone office really writes down.

Districts carry the three-letter abbreviation used in group codes ("MOY-M014") and a weight:
the share of a national program's groups that district holds (more in the Western Area and the
big provincial towns, fewer in the far districts). Western Area has no chiefdoms; its rural and
urban areas stand in their place, as the office's own forms do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    name: str
    abbr: str
    weight: int
    chiefdoms: dict[str, tuple[str, ...]]  # chiefdom -> its towns and villages


DISTRICTS: tuple[District, ...] = (
    District(
        "Western Area Rural",
        "WAR",
        12,
        {
            "Waterloo Rural": ("Waterloo", "Benguema", "Lumpa", "Campbell Town", "Mile 6"),
            "Koya Rural": ("Hastings", "Jui", "Kossoh Town", "Grafton", "Newton"),
            "Mountain Rural": ("Regent", "Gloucester", "Leicester", "Bathurst", "Charlotte"),
            "York Rural": ("York", "Tokeh", "Kent", "Tombo", "Lakka", "Hamilton"),
        },
    ),
    District(
        "Western Area Urban",
        "WAU",
        12,
        {
            "Freetown East": (
                "Kissy",
                "Wellington",
                "Calaba Town",
                "Allen Town",
                "Kissy Mess Mess",
            ),
            "Freetown Central": ("Kroo Town", "Brookfields", "Fourah Bay", "Mountain Cut"),
            "Freetown West": ("Aberdeen", "Lumley", "Wilberforce", "Murray Town", "Kingtom"),
        },
    ),
    District(
        "Moyamba",
        "MOY",
        11,
        {
            "Kaiyamba": ("Moyamba Town", "Gbangbama", "Kpetema"),
            "Bumpeh Ribbi": ("Rotifunk", "Bumpeh"),
            "Kori": ("Taiama", "Njala"),
            "Kagboro": ("Shenge",),
            "Ribbi": ("Bradford", "Mosenessie"),
            "Fakunya": ("Gandorhun",),
            "Kongbora": ("Bauya",),
            "Lower Banta": ("Gbangbatoke", "Mokanji"),
            "Upper Banta": ("Mokelleh",),
            "Dasse": ("Mano",),
            "Bagruwa": ("Sembehun",),
        },
    ),
    District(
        "Port Loko",
        "PLK",
        9,
        {
            "Maforki": ("Port Loko Town", "Manonkoh"),
            "Kaffu Bullom": ("Lungi", "Tagrin", "Mahera", "Conakry Dee"),
            "Marampa": ("Lunsar", "Mabesseneh"),
            "Koya": ("Masiaka", "Songo"),
            "Lokomasama": ("Pepel", "Petifu"),
            "Bureh Kasseh Maconteh": ("Mange",),
        },
    ),
    District(
        "Bo",
        "BO",
        9,
        {
            "Kakua": ("Bo Town", "New London", "Kulanda Town", "Samamie"),
            "Tikonko": ("Tikonko",),
            "Baoma": ("Gerihun",),
            "Bumpe Ngao": ("Bumpe",),
            "Lugbu": ("Sumbuya",),
            "Jaiama Bongor": ("Telu",),
            "Bagbo": ("Jimmi",),
            "Valunia": ("Mongere",),
            "Badjia": ("Ngelehun",),
            "Selenga": ("Dambala",),
        },
    ),
    District(
        "Kenema",
        "KEN",
        8,
        {
            "Nongowa": ("Kenema Town", "Hangha", "Lambayama"),
            "Small Bo": ("Blama",),
            "Lower Bambara": ("Panguma", "Tongo Field"),
            "Dama": ("Giema",),
            "Gaura": ("Joru",),
            "Simbaru": ("Boajibu",),
            "Tunkia": ("Gorahun",),
            "Dodo": ("Dodo",),
            "Koya": ("Baomahun",),
        },
    ),
    District(
        "Kailahun",
        "KAI",
        6,
        {
            "Luawa": ("Kailahun Town", "Baiwala"),
            "Upper Bambara": ("Pendembu",),
            "Jawei": ("Daru",),
            "Njaluahun": ("Segbwema",),
            "Kissi Teng": ("Koindu",),
            "Kissi Tongi": ("Buedu",),
            "Mandu": ("Mobai",),
            "Malema": ("Jojoima",),
            "Peje Bongre": ("Manowa",),
            "Peje West": ("Bunumbu",),
        },
    ),
    District(
        "Bombali",
        "BOM",
        7,
        {
            "Bombali Sebora": ("Makeni", "Masuba", "Mabanta"),
            "Biriwa": ("Kamabai", "Kalangba"),
            "Safroko Limba": ("Binkolo",),
            "Gbanti Kamaranka": ("Kamaranka",),
            "Paki Masabong": ("Mapaki",),
            "Makari Gbanti": ("Masongbo",),
            "Sanda Tendaren": ("Mateboi",),
            "Magbaimba Ndowahun": ("Hunduwa",),
        },
    ),
    District(
        "Kambia",
        "KAM",
        5,
        {
            "Magbema": ("Kambia Town", "Rokupr"),
            "Samu": ("Kychom",),
            "Mambolo": ("Mambolo",),
            "Masungbala": ("Kawula",),
            "Tonko Limba": ("Madina",),
            "Bramaia": ("Kukuna",),
        },
    ),
    District(
        "Bonthe",
        "BON",
        4,
        {
            "Sherbro Urban": ("Bonthe Town",),
            "Jong": ("Mattru Jong",),
            "Sogbini": ("Tihun",),
            "Bendu Cha": ("Bendu",),
            "Dema": ("Tissana",),
            "Nongoba Bullom": ("Gbap",),
            "Sittia": ("Yonni",),
        },
    ),
    District(
        "Tonkolili",
        "TON",
        6,
        {
            "Kholifa Rowalla": ("Magburaka",),
            "Kunike": ("Masingbi",),
            "Yoni": ("Yonibana", "Mile 91"),
            "Gbonkolenken": ("Yele",),
            "Kalansogoia": ("Bumbuna",),
            "Tane": ("Matotoka",),
        },
    ),
    District(
        "Kono",
        "KON",
        6,
        {
            "Gbense": ("Koidu",),
            "Nimikoro": ("Njaiama", "Yengema"),
            "Kamara": ("Tombodu",),
            "Sandor": ("Kayima",),
            "Lei": ("Siama",),
        },
    ),
    District(
        "Pujehun",
        "PUJ",
        5,
        {
            "Kpanga Kabonde": ("Pujehun Town",),
            "Sorogbema": ("Fairo",),
            "Makpele": ("Zimmi",),
            "Barri": ("Potoru",),
            "Malen": ("Sahn Malen",),
            "Gallinas Perri": ("Blama Massaquoi",),
        },
    ),
)

DISTRICTS_BY_ABBR = {d.abbr: d for d in DISTRICTS}

MEN_FIRST_NAMES = (
    "Mohamed", "Ibrahim", "Abdul", "Alusine", "Alhaji", "Sorie", "Foday", "Musa", "Sahr",
    "Tamba", "Komba", "Joseph", "John", "Emmanuel", "Augustine", "Samuel", "Francis", "Abu",
    "Amadu", "Lansana", "Momoh", "Brima", "Santigie", "Bockarie", "Osman", "Idrissa",
    "Sulaiman", "Saidu", "Unisa", "Morie", "Fallah", "Aiah", "Sheku", "Umaru", "Alimamy",
    "Abubakarr", "Hassan", "Lamin", "Patrick", "Daniel", "Peter", "Michael", "David", "Moses",
    "Abass", "Mustapha", "Allieu", "Karim", "Sallieu", "Kelfala", "Thaimu", "Ishmael", "Yayah",
    "Kemoh", "Mamadu", "Aruna", "Vandi", "Gibril", "Sanpha", "Ansumana",
)  # fmt: skip

WOMEN_FIRST_NAMES = (
    "Fatmata", "Aminata", "Mariama", "Isatu", "Hawa", "Kadiatu", "Zainab", "Adama", "Fatu",
    "Mabinty", "Marie", "Kumba", "Finda", "Jeneba", "Musu", "Ramatu", "Salamatu", "Memuna",
    "Christiana", "Elizabeth", "Mary", "Agnes", "Josephine", "Gbessay", "Satta", "Yeabu",
    "Kadie", "Bintu", "Mamie", "Tenneh", "Sia", "Yei", "Nancy", "Rugiatu", "Umu", "Massah",
    "Hannah", "Baindu", "Jattu", "Yabom", "Hawanatu", "Sallay", "Nyalay", "Mariatu", "Isha",
    "Haja", "Abibatu", "Yainkain", "Fanta", "Mabel", "Comfort", "Esther",
)  # fmt: skip

SURNAMES = (
    "Kamara", "Sesay", "Koroma", "Conteh", "Bangura", "Turay", "Kargbo", "Mansaray", "Jalloh",
    "Bah", "Barrie", "Kanu", "Fofanah", "Kallon", "Kamanda", "Lahai", "Sannoh", "Samura",
    "Sheriff", "Kabia", "Kai", "Massaquoi", "Vandi", "Fomba", "Gbla", "Bockarie", "Tarawally",
    "Sankoh", "Dumbuya", "Kanneh", "Jusu", "Swaray", "Yillah", "Kemokai", "Gbondo", "Moiwo",
    "Lansana", "Foday", "Coker", "Williams", "Thomas", "Johnson", "Cole", "Macauley", "Davies",
    "Sandy", "Kpaka", "Mattia", "Brima", "Bundu", "Tucker", "Caulker", "Keita", "Marah",
    "Bayoh", "Kroma", "Saffa", "Mustapha", "Kuyateh", "Dauda", "Senesie", "Amara", "Nyuma",
)  # fmt: skip

# Mobile prefixes in use (Orange, Africell, Qcell and the older networks).
PHONE_PREFIXES = ("76", "77", "78", "79", "30", "33", "88", "99", "72", "73", "74", "75",
                  "25", "31", "34")  # fmt: skip

VENUES = (
    "Community barray", "Church hall", "School classroom", "Mosque compound",
    "Chief's compound", "Youth centre", "Under the mango tree by the barray",
    "Health centre veranda", "Court barray",
)  # fmt: skip

# Men's groups meet when work is done: evenings and weekend afternoons.
MEN_TIMES = ("16:00", "16:30", "17:00", "17:30", "15:00", "10:00")
WOMEN_TIMES = ("10:00", "11:00", "14:00", "15:00", "16:00")
# Monday..Sunday. Friday is lighter: Jumu'ah prayers and market days.
WEEKDAY_WEIGHTS = (10, 10, 10, 10, 5, 16, 14)

MEN_DROP_REASONS = (
    "Moved to Freetown for work", "Farming season", "Unknown — stopped coming",
    "Unknown — stopped coming", "Went to the mines in Kono", "Fishing season",
    "Found work as an okada rider", "Sick for many weeks", "Travelled to his home village",
    "Night shift at the quarry",
)  # fmt: skip

WOMEN_DROP_REASONS = (
    "Moved to her husband's village", "Market trading took her time",
    "Caring for a sick relative", "Unknown — stopped coming", "Gave birth",
)  # fmt: skip

TRANSFER_REASONS = (
    "Moved house; joined the group nearer home",
    "Changed work shift; the other group meets at a better time",
    "Moved to stay with family in {community}",
)

MISSED_MEETING_REASONS = (
    "Funeral in the community", "Heavy rain", "Facilitator sick", "Market day clash",
    "Chief's meeting at the barray", "Venue locked", "Community cleaning day",
)  # fmt: skip
