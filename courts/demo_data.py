"""Demo data: regional and district-level courts of Kazakhstan, fictitious people's names.

Pure Python (no Django imports); the demo-data loader turns it into model rows.
Court facts follow the shared reference `reference/regions.md` (20 regional-level courts,
district-level court kinds and naming patterns, as of 2025). District and city
names are real; which specialised courts a region gets is demo data. People are
fictitious: the loader combines the name lists below at random.
"""

COURT_KINDS = (
    "district",
    "city",
    "city_no2",
    "interdistrict_civil",
    "interdistrict_criminal",
    "economic",
    "administrative",
    "juvenile",
    "criminal",
    "military",
)


def _region(slug, region_kk, region_ru, region_en, court_kk, court_ru, court_en, seat):
    return {
        "slug": slug,
        "region_kk": region_kk,
        "region_ru": region_ru,
        "region_en": region_en,
        "court_kk": court_kk,
        "court_ru": court_ru,
        "court_en": court_en,
        "seat": seat,
    }


# The 20 regional-level courts, in the order of the table in regions.md.
REGIONS = [
    _region(
        "astana",
        "Астана қаласы",
        "город Астана",
        "Astana City",
        "Астана қаласының соты",
        "Суд города Астаны",
        "Astana City Court",
        "Astana",
    ),
    _region(
        "almaty_city",
        "Алматы қаласы",
        "город Алматы",
        "Almaty City",
        "Алматы қалалық соты",
        "Алматинский городской суд",
        "Almaty City Court",
        "Almaty",
    ),
    _region(
        "shymkent",
        "Шымкент қаласы",
        "город Шымкент",
        "Shymkent City",
        "Шымкент қаласының соты",
        "Суд города Шымкента",
        "Shymkent City Court",
        "Shymkent",
    ),
    _region(
        "abai",
        "Абай облысы",
        "область Абай",
        "Abai Region",
        "Абай облысының соты",
        "Суд области Абай",
        "Court of Abai Region",
        "Semey",
    ),
    _region(
        "akmola",
        "Ақмола облысы",
        "Акмолинская область",
        "Akmola Region",
        "Ақмола облыстық соты",
        "Акмолинский областной суд",
        "Akmola Regional Court",
        "Kokshetau",
    ),
    _region(
        "aktobe",
        "Ақтөбе облысы",
        "Актюбинская область",
        "Aktobe Region",
        "Ақтөбе облыстық соты",
        "Актюбинский областной суд",
        "Aktobe Regional Court",
        "Aktobe",
    ),
    _region(
        "almaty_region",
        "Алматы облысы",
        "Алматинская область",
        "Almaty Region",
        "Алматы облыстық соты",
        "Алматинский областной суд",
        "Almaty Regional Court",
        "Konaev",
    ),
    _region(
        "atyrau",
        "Атырау облысы",
        "Атырауская область",
        "Atyrau Region",
        "Атырау облыстық соты",
        "Атырауский областной суд",
        "Atyrau Regional Court",
        "Atyrau",
    ),
    _region(
        "wko",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        "Батыс Қазақстан облыстық соты",
        "Западно-Казахстанский областной суд",
        "West Kazakhstan Regional Court",
        "Oral",
    ),
    _region(
        "zhambyl",
        "Жамбыл облысы",
        "Жамбылская область",
        "Zhambyl Region",
        "Жамбыл облыстық соты",
        "Жамбылский областной суд",
        "Zhambyl Regional Court",
        "Taraz",
    ),
    _region(
        "zhetisu",
        "Жетісу облысы",
        "область Жетісу",
        "Zhetisu Region",
        "Жетісу облысының соты",
        "Суд области Жетісу",
        "Court of Zhetisu Region",
        "Taldykorgan",
    ),
    _region(
        "karaganda",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda Region",
        "Қарағанды облыстық соты",
        "Карагандинский областной суд",
        "Karaganda Regional Court",
        "Karaganda",
    ),
    _region(
        "kostanay",
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay Region",
        "Қостанай облыстық соты",
        "Костанайский областной суд",
        "Kostanay Regional Court",
        "Kostanay",
    ),
    _region(
        "kyzylorda",
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda Region",
        "Қызылорда облыстық соты",
        "Кызылординский областной суд",
        "Kyzylorda Regional Court",
        "Kyzylorda",
    ),
    _region(
        "mangystau",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau Region",
        "Маңғыстау облыстық соты",
        "Мангистауский областной суд",
        "Mangystau Regional Court",
        "Aktau",
    ),
    _region(
        "pavlodar",
        "Павлодар облысы",
        "Павлодарская область",
        "Pavlodar Region",
        "Павлодар облыстық соты",
        "Павлодарский областной суд",
        "Pavlodar Regional Court",
        "Pavlodar",
    ),
    _region(
        "nko",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        "Солтүстік Қазақстан облыстық соты",
        "Северо-Казахстанский областной суд",
        "North Kazakhstan Regional Court",
        "Petropavl",
    ),
    _region(
        "turkistan",
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan Region",
        "Түркістан облыстық соты",
        "Туркестанский областной суд",
        "Turkistan Regional Court",
        "Turkistan",
    ),
    _region(
        "ulytau",
        "Ұлытау облысы",
        "область Ұлытау",
        "Ulytau Region",
        "Ұлытау облысының соты",
        "Суд области Ұлытау",
        "Court of Ulytau Region",
        "Zhezkazgan",
    ),
    _region(
        "eko",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        "Шығыс Қазақстан облыстық соты",
        "Восточно-Казахстанский областной суд",
        "East Kazakhstan Regional Court",
        "Oskemen",
    ),
]

# The seat of each regional-level court (kk, ru): the place of issue of its orders.
SEATS = {
    "astana": ("Астана", "Астана"),
    "almaty_city": ("Алматы", "Алматы"),
    "shymkent": ("Шымкент", "Шымкент"),
    "abai": ("Семей", "Семей"),
    "akmola": ("Көкшетау", "Кокшетау"),
    "aktobe": ("Ақтөбе", "Актобе"),
    "almaty_region": ("Қонаев", "Конаев"),
    "atyrau": ("Атырау", "Атырау"),
    "wko": ("Орал", "Уральск"),
    "zhambyl": ("Тараз", "Тараз"),
    "zhetisu": ("Талдықорған", "Талдыкорган"),
    "karaganda": ("Қарағанды", "Караганда"),
    "kostanay": ("Қостанай", "Костанай"),
    "kyzylorda": ("Қызылорда", "Кызылорда"),
    "mangystau": ("Ақтау", "Актау"),
    "pavlodar": ("Павлодар", "Павлодар"),
    "nko": ("Петропавл", "Петропавловск"),
    "turkistan": ("Түркістан", "Туркестан"),
    "ulytau": ("Жезқазған", "Жезказган"),
    "eko": ("Өскемен", "Усть-Каменогорск"),
}

# Russian genitive of each region ("... суд Акмолинской области", "... города Астаны").
# The Kazakh genitive is region_kk + "ның" ("Ақмола облысының", "Астана қаласының").
_RU_GENITIVE = {
    "astana": "города Астаны",
    "almaty_city": "города Алматы",
    "shymkent": "города Шымкента",
    "abai": "области Абай",
    "akmola": "Акмолинской области",
    "aktobe": "Актюбинской области",
    "almaty_region": "Алматинской области",
    "atyrau": "Атырауской области",
    "wko": "Западно-Казахстанской области",
    "zhambyl": "Жамбылской области",
    "zhetisu": "области Жетісу",
    "karaganda": "Карагандинской области",
    "kostanay": "Костанайской области",
    "kyzylorda": "Кызылординской области",
    "mangystau": "Мангистауской области",
    "pavlodar": "Павлодарской области",
    "nko": "Северо-Казахстанской области",
    "turkistan": "Туркестанской области",
    "ulytau": "области Ұлытау",
    "eko": "Восточно-Казахстанской области",
}

# Name patterns.  Kinds named after a place take stems (kk, ru, en):
#   district:  "Бурабай аудандық соты" / "Бурабайский районный суд" / "Burabay District Court"
#   city:      "Көкшетау қалалық соты" / "Кокшетауский городской суд" / "Kokshetau City Court"
#   city_no2:  "Павлодар қаласының №2 соты" / "Суд №2 города Павлодара" / "Court No. 2 of Pavlodar"
#              (ru stem is the city's genitive)
#   military:  "Астана гарнизонының әскери соты" / "Военный суд Астанинского гарнизона" /
#              "Astana Garrison Military Court" (ru stem is the adjective's genitive)
_STEM_PATTERNS = {
    "district": ("{} аудандық соты", "{} районный суд", "{} District Court"),
    "city": ("{} қалалық соты", "{} городской суд", "{} City Court"),
    "city_no2": ("{} қаласының №2 соты", "Суд №2 города {}", "Court No. 2 of {}"),
    "military": (
        "{} гарнизонының әскери соты",
        "Военный суд {} гарнизона",
        "{} Garrison Military Court",
    ),
}

# Kinds named after the region: "{kk_gen} ...", "... {ru_gen}", "... of {region_en}".
_REGION_PATTERNS = {
    "interdistrict_civil": (
        "{} азаматтық істер жөніндегі ауданаралық соты",
        "Межрайонный суд по гражданским делам {}",
        "Inter-district Civil Court of {}",
    ),
    "interdistrict_criminal": (
        "{} қылмыстық істер жөніндегі ауданаралық соты",
        "Межрайонный суд по уголовным делам {}",
        "Inter-district Criminal Court of {}",
    ),
    "economic": (
        "{} мамандандырылған ауданаралық экономикалық соты",
        "Специализированный межрайонный экономический суд {}",
        "Specialised Inter-district Economic Court of {}",
    ),
    "administrative": (
        "{} мамандандырылған ауданаралық әкімшілік соты",
        "Специализированный межрайонный административный суд {}",
        "Specialised Inter-district Administrative Court of {}",
    ),
    "juvenile": (
        "{} кәмелетке толмағандардың істері жөніндегі мамандандырылған ауданаралық соты",
        "Специализированный межрайонный суд по делам несовершеннолетних {}",
        "Specialised Inter-district Juvenile Court of {}",
    ),
    "criminal": (
        "{} қылмыстық істер жөніндегі мамандандырылған ауданаралық соты",
        "Специализированный межрайонный суд по уголовным делам {}",
        "Specialised Inter-district Criminal Court of {}",
    ),
}


def _in_city(short, kk, ru, en, city_kk, city_ru_gen, city_en):
    """A district court of a city district: 'Алматы қаласы Алмалы аудандық соты'."""
    return {
        "short": short,
        "kind": "district",
        "kk": f"{city_kk} {kk} аудандық соты",
        "ru": f"{ru} районный суд {city_ru_gen}",
        "en": f"{en} District Court of {city_en}",
    }


def _almaty(short, kk, ru, en):
    return _in_city(short, kk, ru, en, "Алматы қаласы", "города Алматы", "Almaty City")


_S = True  # marks a small court (two or three judges) as the last item of an entry

# Entries per region: (kind, short, kk, ru, en[, _S]) for place-named kinds,
# (kind, short[, _S]) for region-named kinds, or a dict from _in_city().
_ENTRIES = {
    # Since 15 May 2023 Astana and Shymkent have no district courts: their district
    # courts were merged into one inter-district civil and one inter-district criminal court.
    "astana": [
        ("interdistrict_civil", "civil"),
        ("interdistrict_criminal", "criminal"),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile", _S),
        ("criminal", "spec-criminal"),
        ("military", "military", "Астана", "Астанинского", "Astana", _S),
    ],
    "almaty_city": [
        _almaty("alatau", "Алатау", "Алатауский", "Alatau"),
        _almaty("almaly", "Алмалы", "Алмалинский", "Almaly"),
        _almaty("auezov", "Әуезов", "Ауэзовский", "Auezov"),
        _almaty("bostandyk", "Бостандық", "Бостандыкский", "Bostandyk"),
        _almaty("zhetysu", "Жетісу", "Жетысуский", "Zhetysu"),
        _almaty("medeu", "Медеу", "Медеуский", "Medeu"),
        _almaty("nauryzbay", "Наурызбай", "Наурызбайский", "Nauryzbay") | {"small": _S},
        _almaty("turksib", "Түрксіб", "Турксибский", "Turksib"),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
        ("criminal", "spec-criminal"),
        ("military", "military", "Алматы", "Алматинского", "Almaty", _S),
    ],
    "shymkent": [
        ("interdistrict_civil", "civil"),
        ("interdistrict_criminal", "criminal"),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile", _S),
        ("criminal", "spec-criminal"),
        ("military", "military", "Шымкент", "Шымкентского", "Shymkent", _S),
    ],
    "abai": [
        ("city", "semey", "Семей", "Семейский", "Semey"),
        ("city_no2", "semey-no2", "Семей", "Семей", "Semey"),
        ("city", "kurchatov", "Курчатов", "Курчатовский", "Kurchatov"),
        ("district", "ayagoz", "Аягөз", "Аягозский", "Ayagoz"),
        ("district", "borodulikha", "Бородулиха", "Бородулихинский", "Borodulikha"),
        ("district", "urzhar", "Үржар", "Урджарский", "Urzhar"),
        ("district", "zharma", "Жарма", "Жарминский", "Zharma"),
        ("district", "beskaragay", "Бесқарағай", "Бескарагайский", "Beskaragay", _S),
        ("district", "abai", "Абай", "Абайский", "Abai", _S),
        ("district", "kokpekti", "Көкпекті", "Кокпектинский", "Kokpekti", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("military", "military", "Семей", "Семейского", "Semey"),
    ],
    "akmola": [
        ("city", "kokshetau", "Көкшетау", "Кокшетауский", "Kokshetau"),
        ("city", "stepnogorsk", "Степногорск", "Степногорский", "Stepnogorsk"),
        ("district", "burabay", "Бурабай", "Бурабайский", "Burabay"),
        ("district", "zerendi", "Зеренді", "Зерендинский", "Zerendi"),
        ("district", "tselinograd", "Целиноград", "Целиноградский", "Tselinograd"),
        ("district", "akkol", "Ақкөл", "Аккольский", "Akkol"),
        ("district", "atbasar", "Атбасар", "Атбасарский", "Atbasar"),
        ("district", "shortandy", "Шортанды", "Шортандинский", "Shortandy"),
        ("district", "zhaksy", "Жақсы", "Жаксынский", "Zhaksy", _S),
        ("district", "korgalzhyn", "Қорғалжын", "Коргалжынский", "Korgalzhyn", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "aktobe": [
        ("city", "aktobe", "Ақтөбе", "Актюбинский", "Aktobe"),
        ("city_no2", "aktobe-no2", "Ақтөбе", "Актобе", "Aktobe"),
        ("district", "alga", "Алға", "Алгинский", "Alga"),
        ("district", "mugalzhar", "Мұғалжар", "Мугалжарский", "Mugalzhar"),
        ("district", "khromtau", "Хромтау", "Хромтауский", "Khromtau"),
        ("district", "shalkar", "Шалқар", "Шалкарский", "Shalkar"),
        ("district", "martuk", "Мәртөк", "Мартукский", "Martuk"),
        ("district", "temir", "Темір", "Темирский", "Temir", _S),
        ("district", "oiyl", "Ойыл", "Уилский", "Oiyl", _S),
        ("district", "baiganin", "Байғанин", "Байганинский", "Baiganin", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
        ("military", "military", "Ақтөбе", "Актюбинского", "Aktobe"),
    ],
    "almaty_region": [
        ("city", "konaev", "Қонаев", "Конаевский", "Konaev"),
        ("district", "ile", "Іле", "Илийский", "Ile"),
        ("district", "karasai", "Қарасай", "Карасайский", "Karasai"),
        ("district", "talgar", "Талғар", "Талгарский", "Talgar"),
        ("district", "enbekshikazakh", "Еңбекшіқазақ", "Енбекшиказахский", "Enbekshikazakh"),
        ("district", "zhambyl", "Жамбыл", "Жамбылский", "Zhambyl"),
        ("district", "uigur", "Ұйғыр", "Уйгурский", "Uigur", _S),
        ("district", "kegen", "Кеген", "Кегенский", "Kegen", _S),
        ("district", "balkhash", "Балқаш", "Балхашский", "Balkhash", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
        ("criminal", "spec-criminal"),
    ],
    "atyrau": [
        ("city", "atyrau", "Атырау", "Атырауский", "Atyrau"),
        ("district", "zhylyoi", "Жылыой", "Жылыойский", "Zhylyoi"),
        ("district", "inder", "Индер", "Индерский", "Inder"),
        ("district", "kurmangazy", "Құрманғазы", "Курмангазинский", "Kurmangazy"),
        ("district", "makhambet", "Махамбет", "Махамбетский", "Makhambet"),
        ("district", "isatai", "Исатай", "Исатайский", "Isatai", _S),
        ("district", "makat", "Мақат", "Макатский", "Makat", _S),
        ("district", "kyzylkoga", "Қызылқоға", "Кызылкогинский", "Kyzylkoga", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "wko": [
        ("city", "oral", "Орал", "Уральский", "Oral"),
        ("city_no2", "oral-no2", "Орал", "Уральска", "Oral"),
        ("district", "burli", "Бөрлі", "Бурлинский", "Burli"),
        ("district", "baiterek", "Бәйтерек", "Байтерекский", "Baiterek"),
        ("district", "terekti", "Теректі", "Теректинский", "Terekti"),
        ("district", "akzhaiyk", "Ақжайық", "Акжаикский", "Akzhaiyk"),
        ("district", "shyngyrlau", "Шыңғырлау", "Чингирлауский", "Shyngyrlau"),
        ("district", "zhanibek", "Жәнібек", "Жанибекский", "Zhanibek", _S),
        ("district", "kaztalov", "Қазталов", "Казталовский", "Kaztalov", _S),
        ("district", "syrym", "Сырым", "Сырымский", "Syrym", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
    ],
    "zhambyl": [
        ("city", "taraz", "Тараз", "Таразский", "Taraz"),
        ("city_no2", "taraz-no2", "Тараз", "Тараза", "Taraz"),
        ("district", "baizak", "Байзақ", "Байзакский", "Baizak"),
        ("district", "zhambyl", "Жамбыл", "Жамбылский", "Zhambyl"),
        ("district", "merki", "Меркі", "Меркенский", "Merki"),
        ("district", "korday", "Қордай", "Кордайский", "Korday"),
        ("district", "shu", "Шу", "Шуский", "Shu"),
        ("district", "talas", "Талас", "Таласский", "Talas", _S),
        ("district", "sarysu", "Сарысу", "Сарысуский", "Sarysu", _S),
        ("district", "moiynkum", "Мойынқұм", "Мойынкумский", "Moiynkum", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "zhetisu": [
        ("city", "taldykorgan", "Талдықорған", "Талдыкорганский", "Taldykorgan"),
        ("city", "tekeli", "Текелі", "Текелийский", "Tekeli"),
        ("district", "eskeldi", "Ескелді", "Ескельдинский", "Eskeldi"),
        ("district", "karatal", "Қаратал", "Каратальский", "Karatal"),
        ("district", "sarkand", "Сарқан", "Саркандский", "Sarkand"),
        ("district", "alakol", "Алакөл", "Алакольский", "Alakol"),
        ("district", "panfilov", "Панфилов", "Панфиловский", "Panfilov"),
        ("district", "koksu", "Көксу", "Коксуский", "Koksu", _S),
        ("district", "kerbulak", "Кербұлақ", "Кербулакский", "Kerbulak", _S),
        ("district", "aksu", "Ақсу", "Аксуский", "Aksu", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
    ],
    "karaganda": [
        _in_city(
            "kazybek-bi",
            "Қазыбек би",
            "Казыбекбийский",
            "Kazybek Bi",
            "Қарағанды қаласы",
            "города Караганды",
            "Karaganda City",
        ),
        ("city", "temirtau", "Теміртау", "Темиртауский", "Temirtau"),
        ("city", "balkhash", "Балқаш", "Балхашский", "Balkhash"),
        ("city", "shakhtinsk", "Шахтинск", "Шахтинский", "Shakhtinsk"),
        ("district", "abai", "Абай", "Абайский", "Abai"),
        ("district", "bukhar-zhyrau", "Бұқар жырау", "Бухар-Жырауский", "Bukhar-Zhyrau"),
        ("district", "karkaraly", "Қарқаралы", "Каркаралинский", "Karkaraly", _S),
        ("district", "shet", "Шет", "Шетский", "Shet", _S),
        ("district", "aktogay", "Ақтоғай", "Актогайский", "Aktogay", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
        ("military", "military", "Қарағанды", "Карагандинского", "Karaganda"),
    ],
    "kostanay": [
        ("city", "kostanay", "Қостанай", "Костанайский", "Kostanay"),
        ("city_no2", "kostanay-no2", "Қостанай", "Костаная", "Kostanay"),
        ("city", "rudny", "Рудный", "Рудненский", "Rudny"),
        ("city", "arkalyk", "Арқалық", "Аркалыкский", "Arkalyk"),
        ("district", "zhitikara", "Жітіқара", "Житикаринский", "Zhitikara"),
        ("district", "kostanay-district", "Қостанай", "Костанайский", "Kostanay"),
        ("district", "karabalyk", "Қарабалық", "Карабалыкский", "Karabalyk"),
        ("district", "mendykara", "Меңдіқара", "Мендыкаринский", "Mendykara", _S),
        ("district", "amangeldi", "Амангелді", "Амангельдинский", "Amangeldi", _S),
        ("district", "zhangeldin", "Жангелдин", "Джангельдинский", "Zhangeldin", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "kyzylorda": [
        ("city", "kyzylorda", "Қызылорда", "Кызылординский", "Kyzylorda"),
        ("city_no2", "kyzylorda-no2", "Қызылорда", "Кызылорды", "Kyzylorda"),
        ("district", "aral", "Арал", "Аральский", "Aral"),
        ("district", "kazaly", "Қазалы", "Казалинский", "Kazaly"),
        ("district", "karmakshy", "Қармақшы", "Кармакшинский", "Karmakshy"),
        ("district", "shieli", "Шиелі", "Шиелийский", "Shieli"),
        ("district", "zhanakorgan", "Жаңақорған", "Жанакорганский", "Zhanakorgan"),
        ("district", "zhalagash", "Жалағаш", "Жалагашский", "Zhalagash", _S),
        ("district", "syrdarya", "Сырдария", "Сырдарьинский", "Syrdarya", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "mangystau": [
        ("city", "aktau", "Ақтау", "Актауский", "Aktau"),
        ("city", "zhanaozen", "Жаңаөзен", "Жанаозенский", "Zhanaozen"),
        ("district", "beineu", "Бейнеу", "Бейнеуский", "Beineu"),
        ("district", "munaily", "Мұнайлы", "Мунайлинский", "Munaily"),
        ("district", "karakiya", "Қарақия", "Каракиянский", "Karakiya", _S),
        ("district", "mangystau", "Маңғыстау", "Мангистауский", "Mangystau", _S),
        ("district", "tupkaragan", "Түпқараған", "Тупкараганский", "Tupkaragan", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
        ("military", "military", "Ақтау", "Актауского", "Aktau"),
    ],
    "pavlodar": [
        ("city", "pavlodar", "Павлодар", "Павлодарский", "Pavlodar"),
        ("city_no2", "pavlodar-no2", "Павлодар", "Павлодара", "Pavlodar"),
        ("city", "ekibastuz", "Екібастұз", "Экибастузский", "Ekibastuz"),
        ("city", "aksu", "Ақсу", "Аксуский", "Aksu"),
        ("district", "ertis", "Ертіс", "Иртышский", "Ertis"),
        ("district", "bayanaul", "Баянауыл", "Баянаульский", "Bayanaul"),
        ("district", "sharbakty", "Шарбақты", "Щербактинский", "Sharbakty"),
        ("district", "zhelezin", "Железин", "Железинский", "Zhelezin", _S),
        ("district", "uspen", "Успен", "Успенский", "Uspen", _S),
        ("district", "mai", "Май", "Майский", "Mai", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "nko": [
        ("city", "petropavl", "Петропавл", "Петропавловский", "Petropavl"),
        ("city_no2", "petropavl-no2", "Петропавл", "Петропавловска", "Petropavl"),
        ("district", "aiyrtau", "Айыртау", "Айыртауский", "Aiyrtau"),
        ("district", "esil", "Есіл", "Есильский", "Esil"),
        ("district", "kyzylzhar", "Қызылжар", "Кызылжарский", "Kyzylzhar"),
        ("district", "mamlyut", "Мамлют", "Мамлютский", "Mamlyut"),
        ("district", "tayynsha", "Тайынша", "Тайыншинский", "Tayynsha"),
        ("district", "akzhar", "Ақжар", "Акжарский", "Akzhar", _S),
        ("district", "timiryazev", "Тимирязев", "Тимирязевский", "Timiryazev", _S),
        ("district", "ualikhanov", "Уәлиханов", "Уалихановский", "Ualikhanov", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
    ],
    "turkistan": [
        ("city", "turkistan", "Түркістан", "Туркестанский", "Turkistan"),
        ("city", "kentau", "Кентау", "Кентауский", "Kentau"),
        ("city", "arys", "Арыс", "Арысский", "Arys"),
        ("district", "saryagash", "Сарыағаш", "Сарыагашский", "Saryagash"),
        ("district", "maktaaral", "Мақтаарал", "Мактааральский", "Maktaaral"),
        ("district", "sairam", "Сайрам", "Сайрамский", "Sairam"),
        ("district", "tulkibas", "Түлкібас", "Тюлькубасский", "Tulkibas"),
        ("district", "ordabasy", "Ордабасы", "Ордабасинский", "Ordabasy"),
        ("district", "baidibek", "Бәйдібек", "Байдибекский", "Baidibek", _S),
        ("district", "sozak", "Созақ", "Сузакский", "Sozak", _S),
        ("district", "otyrar", "Отырар", "Отырарский", "Otyrar", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "ulytau": [
        ("city", "zhezkazgan", "Жезқазған", "Жезказганский", "Zhezkazgan"),
        ("city", "satbayev", "Сәтбаев", "Сатпаевский", "Satbayev"),
        ("city", "karazhal", "Қаражал", "Каражальский", "Karazhal", _S),
        ("district", "ulytau", "Ұлытау", "Улытауский", "Ulytau", _S),
        ("district", "zhanaarka", "Жаңаарқа", "Жанааркинский", "Zhanaarka", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
    "eko": [
        ("city", "oskemen", "Өскемен", "Усть-Каменогорский", "Oskemen"),
        ("city_no2", "oskemen-no2", "Өскемен", "Усть-Каменогорска", "Oskemen"),
        ("city", "ridder", "Риддер", "Риддерский", "Ridder"),
        ("district", "altai", "Алтай", "Алтайский", "Altai"),
        ("district", "glubokoye", "Глубокое", "Глубоковский", "Glubokoye"),
        ("district", "ulan", "Ұлан", "Уланский", "Ulan"),
        ("district", "shemonaikha", "Шемонаиха", "Шемонаихинский", "Shemonaikha"),
        ("district", "kurshim", "Күршім", "Курчумский", "Kurshim"),
        ("district", "zaisan", "Зайсан", "Зайсанский", "Zaisan", _S),
        ("district", "tarbagatai", "Тарбағатай", "Тарбагатайский", "Tarbagatai", _S),
        ("district", "katonkaragay", "Катонқарағай", "Катон-Карагайский", "Katonkaragay", _S),
        ("economic", "economic"),
        ("administrative", "admin"),
        ("juvenile", "juvenile"),
    ],
}


def _build_courts(region, entries):
    slug = region["slug"]
    kk_gen = region["region_kk"] + "ның"
    ru_gen = _RU_GENITIVE[slug]
    courts = []
    for entry in entries:
        if isinstance(entry, dict):
            short, kind = entry["short"], entry["kind"]
            kk, ru, en = entry["kk"], entry["ru"], entry["en"]
            small = entry.get("small", False)
        else:
            small = entry[-1] is _S
            kind, short, *stems = entry[:-1] if small else entry
            if kind in _STEM_PATTERNS:
                kk, ru, en = (p.format(s) for p, s in zip(_STEM_PATTERNS[kind], stems, strict=True))
            else:
                pattern_kk, pattern_ru, pattern_en = _REGION_PATTERNS[kind]
                kk = pattern_kk.format(kk_gen)
                ru = pattern_ru.format(ru_gen)
                en = pattern_en.format(region["region_en"])
        courts.append(
            {"code": f"{slug}-{short}", "kind": kind, "kk": kk, "ru": ru, "en": en, "small": small}
        )
    return courts


# slug -> district-level courts of that region, in display order.
DISTRICT_COURTS = {
    region["slug"]: _build_courts(region, _ENTRIES[region["slug"]]) for region in REGIONS
}


# --- Fictitious people ---------------------------------------------------------------

MALE_FIRST_NAMES = [
    "Нұрлан",
    "Қайрат",
    "Серік",
    "Ғалымжан",
    "Дәулет",
    "Ерлан",
    "Асқар",
    "Бауыржан",
    "Ерболат",
    "Мұхтар",
    "Арман",
    "Талғат",
    "Жандос",
    "Ержан",
    "Әлібек",
    "Айдос",
    "Мейірхан",
    "Бекзат",
    "Қанат",
    "Марат",
    "Азамат",
    "Дархан",
    "Еркебұлан",
    "Жақсылық",
    "Санжар",
    "Тимур",
    "Рүстем",
    "Ғабит",
    "Мағжан",
    "Шыңғыс",
    "Нұржан",
    "Әділет",
    "Қуаныш",
    "Бақытжан",
    "Шаһмардан",
    "Ілияс",
    "Өркен",
    "Үсен",
    "Сергей",
    "Андрей",
    "Александр",
    "Дмитрий",
    "Игорь",
    "Виктор",
    "Вячеслав",
    "Эдуард",
]

FEMALE_FIRST_NAMES = [
    "Әсел",
    "Іңкәр",
    "Шаһизада",
    "Айгүл",
    "Гүлнар",
    "Динара",
    "Жанар",
    "Айгерім",
    "Мөлдір",
    "Ақмарал",
    "Ботагөз",
    "Сәуле",
    "Гүлмира",
    "Назерке",
    "Аружан",
    "Жұлдыз",
    "Салтанат",
    "Меруерт",
    "Ләззат",
    "Бибігүл",
    "Ақбота",
    "Толғанай",
    "Үміт",
    "Перизат",
    "Ғалия",
    "Зуһра",
    "Маржан",
    "Гауһар",
    "Раушан",
    "Анар",
    "Күләш",
    "Нұргүл",
    "Әлия",
    "Дана",
    "Еңлік",
    "Өсербүбі",
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Ирина",
    "Светлана",
    "Марина",
    "Инна",
]

# (male form, female form)
SURNAMES = [
    ("Сәрсенбаев", "Сәрсенбаева"),
    ("Өмірзақов", "Өмірзақова"),
    ("Ахметов", "Ахметова"),
    ("Байжанов", "Байжанова"),
    ("Жұмабаев", "Жұмабаева"),
    ("Есенов", "Есенова"),
    ("Қасымов", "Қасымова"),
    ("Нұрғалиев", "Нұрғалиева"),
    ("Әбенов", "Әбенова"),
    ("Бекмұханов", "Бекмұханова"),
    ("Ғабдуллин", "Ғабдуллина"),
    ("Дүйсенбаев", "Дүйсенбаева"),
    ("Ерғалиев", "Ерғалиева"),
    ("Жақсылықов", "Жақсылықова"),
    ("Ізбасаров", "Ізбасарова"),
    ("Кенжебаев", "Кенжебаева"),
    ("Құрманғалиев", "Құрманғалиева"),
    ("Мұқанов", "Мұқанова"),
    ("Нұрпейісов", "Нұрпейісова"),
    ("Оспанов", "Оспанова"),
    ("Рахымжанов", "Рахымжанова"),
    ("Сейітов", "Сейітова"),
    ("Тұрсынов", "Тұрсынова"),
    ("Үсенов", "Үсенова"),
    ("Шәкенов", "Шәкенова"),
    ("Ысқақов", "Ысқақова"),
    ("Әлімжанов", "Әлімжанова"),
    ("Бейсенов", "Бейсенова"),
    ("Дәуренбеков", "Дәуренбекова"),
    ("Жаңабаев", "Жаңабаева"),
    ("Қайыржанов", "Қайыржанова"),
    ("Мәдиев", "Мәдиева"),
    ("Нығметов", "Нығметова"),
    ("Омаров", "Омарова"),
    ("Сұлтанов", "Сұлтанова"),
    ("Төлеуов", "Төлеуова"),
    ("Ұзақов", "Ұзақова"),
    ("Шәріпов", "Шәріпова"),
    ("Ержанов", "Ержанова"),
    ("Айтбаев", "Айтбаева"),
    ("Бақытов", "Бақытова"),
    ("Ғалымов", "Ғалымова"),
    ("Жүсіпов", "Жүсіпова"),
    ("Кәрімов", "Кәрімова"),
    ("Мұратов", "Мұратова"),
    ("Темірбеков", "Темірбекова"),
    ("Сейдахметов", "Сейдахметова"),
    ("Шаһмарданов", "Шаһмарданова"),
    ("Көшербаев", "Көшербаева"),
    ("Мұхамедиев", "Мұхамедиева"),
    ("Иванов", "Иванова"),
    ("Петров", "Петрова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Васильев", "Васильева"),
    ("Шевченко", "Шевченко"),
    ("Ли", "Ли"),
    ("Ким", "Ким"),
    ("Пак", "Пак"),
    ("Цой", "Цой"),
    ("Тен", "Тен"),
    ("Хан", "Хан"),
    ("Югай", "Югай"),
    ("Шегай", "Шегай"),
]

# Fathers' names; the loader appends "ұлы" (son) or "қызы" (daughter): "Нұрланұлы".
PATRONYMIC_ROOTS = [
    "Нұрлан",
    "Қайрат",
    "Серік",
    "Ұлықбек",
    "Мұхтар",
    "Ерлан",
    "Асқар",
    "Бауыржан",
    "Талғат",
    "Жанат",
    "Ғабит",
    "Дәурен",
    "Марат",
    "Қанат",
    "Болат",
    "Сейіт",
    "Тұрсын",
    "Өмір",
    "Есен",
    "Бақыт",
    "Амангелді",
    "Жақсылық",
    "Қуаныш",
    "Мейрам",
    "Әділ",
    "Шаһмардан",
    "Нұрбол",
    "Ермек",
    "Ғалым",
    "Бекет",
    "Ілияс",
    "Үсен",
]

# (code, kk, ru, en)
SPECIALISATIONS = [
    ("civil", "Азаматтық істер", "Гражданские дела", "Civil cases"),
    ("criminal", "Қылмыстық істер", "Уголовные дела", "Criminal cases"),
    (
        "administrative",
        "Әкімшілік істер (жария-құқықтық даулар)",
        "Административные дела (публично-правовые споры)",
        "Administrative cases (public-law disputes)",
    ),
    (
        "admin_offences",
        "Әкімшілік құқық бұзушылық туралы істер",
        "Дела об административных правонарушениях",
        "Administrative offences",
    ),
    ("economic", "Экономикалық істер", "Экономические дела", "Economic cases"),
    ("juvenile", "Кәмелетке толмағандардың істері", "Дела несовершеннолетних", "Juvenile cases"),
    ("investigating", "Тергеу судьясы", "Следственный судья", "Investigating judge"),
    ("military", "Әскери соттар", "Военные суды", "Military courts"),
    ("general", "Жалпы юрисдикция", "Общая юрисдикция", "General jurisdiction"),
]


if __name__ == "__main__":
    # Astana and Shymkent have only seven district-level courts of the kinds above
    # (one inter-district civil, one inter-district criminal, five specialised).
    _FEWER_COURTS = {"astana", "shymkent"}

    assert len(REGIONS) == 20
    assert len({r["slug"] for r in REGIONS}) == 20
    assert list(DISTRICT_COURTS) == [r["slug"] for r in REGIONS]
    codes = [c["code"] for courts in DISTRICT_COURTS.values() for c in courts]
    assert len(codes) == len(set(codes)), "duplicate court codes"
    assert all(code.isascii() and code == code.lower() for code in codes)
    for slug, courts in DISTRICT_COURTS.items():
        assert len(courts) >= (7 if slug in _FEWER_COURTS else 8), slug
        assert len(courts) <= 14, slug
        assert 2 <= sum(c["small"] for c in courts) <= 3, slug
        for court in courts:
            assert court["kind"] in COURT_KINDS, court
            assert court["code"].startswith(slug + "-"), court
            assert all(court[lang] for lang in ("kk", "ru", "en")), court
        kinds = {c["kind"] for c in courts}
        assert {"economic", "administrative"} <= kinds, slug
    assert len(MALE_FIRST_NAMES) >= 40 and len(FEMALE_FIRST_NAMES) >= 40
    assert len(SURNAMES) >= 60 and len(PATRONYMIC_ROOTS) >= 30
    assert [s[0] for s in SPECIALISATIONS] == [
        "civil",
        "criminal",
        "administrative",
        "admin_offences",
        "economic",
        "juvenile",
        "investigating",
        "military",
        "general",
    ]
    names = " ".join(
        MALE_FIRST_NAMES + FEMALE_FIRST_NAMES + PATRONYMIC_ROOTS + [s for p in SURNAMES for s in p]
    ).lower()
    missing = [letter for letter in "әғқңөұүһі" if letter not in names]
    assert not missing, f"Kazakh letters missing from names: {missing}"
    for slug, courts in DISTRICT_COURTS.items():
        print(f"{slug:14} {len(courts):3}")
    print(f"{'total':14} {len(codes):3}")
    print("demo_data self-check passed")
