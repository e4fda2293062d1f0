"""What the bot understands, word by word, in English, French, Spanish and Thai: the network's
creative fields, UNESCO's regions, the SDG themes its cities work on (each a target code), what
a question asks for (intents) and the little words around a city's name.

Plain data, written in each language as people write it (accents and case do not matter: terms
are folded like names before they are compared). A term belongs to one language, so the terms
a message uses also say which language it is in. Thai has no spaces between words: Thai terms
are found inside the text, and the member cities' Thai names are listed here (a Thai name cannot
be matched against the Latin one).
"""

from __future__ import annotations

from enum import StrEnum

from names import fold_name


class Kind(StrEnum):
    FIELD = "field"
    REGION = "region"
    TARGET = "target"
    INTENT = "intent"


class Ask(StrEnum):
    """What a message asks for; `SEARCH` is cities matching the criteria named."""

    PARTNERS = "partners"
    CITY = "city"
    PROJECT = "project"
    SDG = "sdg"
    DUE = "due"
    HOST = "host"
    HELP = "help"
    SEARCH = "search"
    LINK = "link"


Term = tuple[Kind, str]

FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "crafts-and-folk-art": {
        "en": ("crafts and folk art", "crafts", "craft", "handicrafts", "handicraft", "folk art",
               "artisans", "weaving", "textiles"),
        "fr": ("artisanat et arts populaires", "artisanat", "arts populaires", "art populaire",
               "artisans", "tissage"),
        "es": ("artesania y arte popular", "artesanias", "artesania", "arte popular",
               "artesanos", "tejidos"),
        "th": ("หัตถกรรมและศิลปะพื้นบ้าน", "หัตถกรรม", "ศิลปะพื้นบ้าน", "งานฝีมือ", "ผ้าทอ"),
    },
    "design": {
        "en": ("design",),
        "fr": ("design",),
        "es": ("diseno",),
        "th": ("การออกแบบ", "ออกแบบ", "ดีไซน์"),
    },
    "film": {
        "en": ("film", "films", "cinema", "movies"),
        "fr": ("cinema", "film", "films"),
        "es": ("cine", "peliculas", "pelicula"),
        "th": ("ภาพยนตร์", "หนัง"),
    },
    "gastronomy": {
        "en": ("gastronomy", "street food", "food", "cuisine", "culinary", "cooking"),
        "fr": ("gastronomie", "cuisine de rue", "nourriture de rue", "cuisine", "culinaire"),
        "es": ("gastronomia", "comida callejera", "comida", "cocina", "culinaria"),
        "th": ("อาหารริมทาง", "อาหารข้างทาง", "สตรีทฟู้ด", "อาหาร", "ศิลปะการทำอาหาร"),
    },
    "literature": {
        "en": ("literature", "books", "reading", "writers"),
        "fr": ("litterature", "livres", "lecture", "ecrivains"),
        "es": ("literatura", "libros", "lectura", "escritores"),
        "th": ("วรรณกรรม", "หนังสือ", "การอ่าน"),
    },
    "media-arts": {
        "en": ("media arts", "media art", "digital art", "digital arts", "new media"),
        "fr": ("arts numeriques", "art numerique", "arts mediatiques"),
        "es": ("artes digitales", "arte digital", "artes mediaticas"),
        "th": ("ศิลปะสื่อ", "สื่อดิจิทัล", "ศิลปะดิจิทัล"),
    },
    "music": {
        "en": ("music", "musicians"),
        "fr": ("musique", "musiciens"),
        "es": ("musica", "musicos"),
        "th": ("ดนตรี", "เพลง"),
    },
    "architecture": {
        "en": ("architecture",),
        "fr": ("architecture",),
        "es": ("arquitectura",),
        "th": ("สถาปัตยกรรม",),
    },
}  # fmt: skip

REGIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "africa": {
        "en": ("africa", "african"),
        "fr": ("afrique", "africaines", "africaine"),
        "es": ("africa", "africanas", "africana"),
        "th": ("แอฟริกา", "แอฟริกัน"),
    },
    "arab-states": {
        "en": ("arab states", "arab world", "arab region", "middle east"),
        "fr": ("etats arabes", "monde arabe", "moyen-orient"),
        "es": ("estados arabes", "mundo arabe", "oriente medio"),
        "th": ("รัฐอาหรับ", "กลุ่มประเทศอาหรับ", "อาหรับ", "ตะวันออกกลาง"),
    },
    "asia-and-the-pacific": {
        "en": ("asia and the pacific", "asia-pacific", "asia pacific", "asia", "pacific"),
        "fr": ("asie et pacifique", "asie-pacifique", "asie"),
        "es": ("asia y el pacifico", "asia-pacifico", "asia"),
        "th": ("เอเชียแปซิฟิก", "เอเชีย"),
    },
    "europe-and-north-america": {
        "en": ("europe and north america", "europe", "north america"),
        "fr": ("europe et amerique du nord", "europe", "amerique du nord"),
        "es": ("europa y america del norte", "europa", "america del norte", "norteamerica"),
        "th": ("ยุโรปและอเมริกาเหนือ", "ยุโรป", "อเมริกาเหนือ"),
    },
    "latin-america-and-the-caribbean": {
        "en": ("latin america and the caribbean", "latin america", "south america",
               "caribbean"),
        "fr": ("amerique latine et caraibes", "amerique latine", "amerique du sud", "caraibes"),
        "es": ("america latina y el caribe", "america latina", "latinoamerica",
               "sudamerica", "america del sur", "caribe"),
        "th": ("ละตินอเมริกาและแคริบเบียน", "ละตินอเมริกา", "อเมริกาใต้", "แคริบเบียน"),
    },
}  # fmt: skip

# SDG themes: the words for what a project works on, each the SDG target it stands for.
TARGETS: dict[str, dict[str, tuple[str, ...]]] = {
    "11.4": {
        "en": ("cultural heritage", "heritage"),
        "fr": ("patrimoine culturel", "patrimoine"),
        "es": ("patrimonio cultural", "patrimonio"),
        "th": ("มรดกทางวัฒนธรรม", "มรดก"),
    },
    "4.7": {
        "en": ("education",),
        "fr": ("education",),
        "es": ("educacion",),
        "th": ("การศึกษา",),
    },
    "4.4": {
        "en": ("skills", "training"),
        "fr": ("competences", "formation"),
        "es": ("habilidades", "capacitacion", "formacion"),
        "th": ("ทักษะ", "ฝึกอบรม"),
    },
    "5.5": {
        "en": ("gender equality", "gender", "women"),
        "fr": ("egalite des genres", "genre", "femmes"),
        "es": ("igualdad de genero", "genero", "mujeres"),
        "th": ("ความเท่าเทียมทางเพศ", "สตรี", "ผู้หญิง"),
    },
    "8.3": {
        "en": ("creative economy", "creative jobs", "jobs", "entrepreneurship"),
        "fr": ("economie creative", "emplois", "entrepreneuriat"),
        "es": ("economia creativa", "empleo", "emprendimiento"),
        "th": ("เศรษฐกิจสร้างสรรค์", "การจ้างงาน", "ผู้ประกอบการ"),
    },
    "8.9": {
        "en": ("sustainable tourism", "tourism"),
        "fr": ("tourisme durable", "tourisme"),
        "es": ("turismo sostenible", "turismo"),
        "th": ("การท่องเที่ยวยั่งยืน", "การท่องเที่ยว", "ท่องเที่ยว"),
    },
    "9.5": {
        "en": ("innovation", "research"),
        "fr": ("innovation", "recherche"),
        "es": ("innovacion", "investigacion"),
        "th": ("นวัตกรรม", "วิจัย"),
    },
    "10.2": {
        "en": ("social inclusion", "inclusion"),
        "fr": ("inclusion sociale", "inclusion"),
        "es": ("inclusion social", "inclusion"),
        "th": ("การมีส่วนร่วมทางสังคม",),
    },
    "11.3": {
        "en": ("urban planning",),
        "fr": ("urbanisme",),
        "es": ("planificacion urbana", "urbanismo"),
        "th": ("ผังเมือง",),
    },
    "11.7": {
        "en": ("public spaces", "public space"),
        "fr": ("espaces publics", "espace public"),
        "es": ("espacios publicos", "espacio publico"),
        "th": ("พื้นที่สาธารณะ",),
    },
    "13.3": {
        "en": ("climate change", "climate"),
        "fr": ("changement climatique", "climat"),
        "es": ("cambio climatico", "clima"),
        "th": ("การเปลี่ยนแปลงสภาพภูมิอากาศ", "สภาพภูมิอากาศ", "โลกร้อน"),
    },
    "16.7": {
        "en": ("citizen participation", "participation"),
        "fr": ("participation citoyenne", "participation"),
        "es": ("participacion ciudadana", "participacion"),
        "th": ("การมีส่วนร่วมของประชาชน",),
    },
    "17.17": {
        "en": ("public-private partnerships", "public-private"),
        "fr": ("partenariats public-prive", "public-prive"),
        "es": ("alianzas publico-privadas", "publico-privadas"),
        "th": ("ความร่วมมือภาครัฐและเอกชน",),
    },
}

INTENTS: dict[Ask, dict[str, tuple[str, ...]]] = {
    Ask.PARTNERS: {
        "en": ("partners", "partner", "collaborators", "collaborate with", "work with"),
        "fr": ("partenaires", "partenaire", "collaborateurs", "collaborer avec"),
        "es": ("socios", "socio", "aliados", "aliado", "colaborar con"),
        "th": ("พันธมิตร", "คู่ความร่วมมือ", "ร่วมมือกับ"),
    },
    Ask.SEARCH: {
        "en": ("who works on", "who works", "which cities", "what cities", "cities"),
        "fr": ("qui travaille sur", "qui travaille", "quelles villes", "villes"),
        "es": ("quien trabaja en", "quien trabaja", "que ciudades", "cuales ciudades",
               "ciudades"),
        "th": ("เมืองไหน", "เมืองใด", "ใครทำ", "ทำงานด้าน"),
    },
    Ask.CITY: {
        "en": ("tell me", "city"),
        "fr": ("parle-moi", "parlez-moi", "ville"),
        "es": ("hablame", "cuentame", "ciudad"),
        "th": ("ข้อมูลเมือง", "เล่าเรื่อง"),
    },
    Ask.PROJECT: {
        "en": ("projects", "project"),
        "fr": ("projets", "projet"),
        "es": ("proyectos", "proyecto"),
        "th": ("โครงการ",),
    },
    Ask.SDG: {
        "en": ("sdg", "target"),
        "fr": ("odd", "cible"),
        "es": ("ods", "meta"),
        "th": ("เป้าหมาย",),
    },
    Ask.DUE: {
        "en": ("due", "what do we owe", "our reports", "my reports", "reports"),
        "fr": ("echeances", "nos rapports", "rapports"),
        "es": ("pendientes", "nuestros informes", "informes"),
        "th": ("กำหนดส่ง", "รายงาน"),
    },
    Ask.HOST: {
        "en": ("host", "hosts", "hosting"),
        "fr": ("accueil", "accueillir", "hote"),
        "es": ("sede", "anfitrion", "anfitriona"),
        "th": ("เจ้าภาพ",),
    },
    Ask.HELP: {
        "en": ("help", "hello", "hi"),
        "fr": ("aide", "bonjour", "salut"),
        "es": ("ayuda", "hola"),
        "th": ("ช่วยเหลือ", "วิธีใช้", "สวัสดี"),
    },
}  # fmt: skip

# The slash command's subcommands, in English as the command line has them: they say what is
# asked but nothing of the language (a French speaker types `/uccn sdg 11.4` too).
COMMANDS: dict[str, Ask] = {
    "partners": Ask.PARTNERS,
    "city": Ask.CITY,
    "project": Ask.PROJECT,
    "projects": Ask.PROJECT,
    "sdg": Ask.SDG,
    "due": Ask.DUE,
    "host": Ask.HOST,
    "help": Ask.HELP,
    "search": Ask.SEARCH,
    "link": Ask.LINK,
}

# Words that introduce the city a question is for, or about.
FOR_CITY: dict[str, tuple[str, ...]] = {
    "en": ("for", "about", "with"),
    "fr": ("pour", "de", "avec"),
    "es": ("para", "de", "sobre", "con"),
    "th": ("สำหรับ", "ของ"),
}

# Small words that end a city's name in a question, and vote for their language.
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("on", "in", "the", "who", "what", "which", "works", "is", "are", "of", "and",
           "our", "we", "me", "there", "any", "find", "show", "please", "about", "for"),
    "fr": ("sur", "dans", "le", "la", "les", "des", "du", "qui", "quelles", "quels", "est",
           "et", "nos", "nous", "en", "trouve", "travaillent", "pour", "avec", "il", "y", "a"),
    "es": ("sobre", "en", "el", "los", "las", "del", "que", "quien", "hay", "y", "nuestra",
           "nuestros", "busca", "trabajan", "para", "con", "cuales"),
    "th": ("ใน", "ด้าน", "บ้าง", "ที่", "ไหน", "อะไร", "ไหม", "ครับ", "ค่ะ", "ทำงาน", "เรื่อง"),
}  # fmt: skip

# Member cities' Thai names (the Latin names fold and match fuzzily; these cannot).
THAI_CITY_NAMES: dict[str, str] = {
    "เชียงใหม่": "chiang-mai",
    "เชียงราย": "chiang-rai",
    "กรุงเทพมหานคร": "bangkok",
    "กรุงเทพฯ": "bangkok",
    "กรุงเทพ": "bangkok",
    "ภูเก็ต": "phuket",
    "สุโขทัย": "sukhothai",
    "เพชรบุรี": "phetchaburi",
    "สุพรรณบุรี": "suphanburi",
    "น่าน": "nan",
    "สงขลา": "songkhla",
    "โบโกตา": "bogota",
    "ปารีส": "paris",
    "โตเกียว": "tokyo",
}


def terms() -> dict[str, dict[str, Term]]:
    """Every term by language: the folded phrase and what it stands for."""
    found: dict[str, dict[str, Term]] = {"en": {}, "fr": {}, "es": {}, "th": {}}
    tables: list[tuple[Kind, dict[str, dict[str, tuple[str, ...]]]]] = [
        (Kind.FIELD, FIELDS),
        (Kind.REGION, REGIONS),
        (Kind.TARGET, TARGETS),
        (Kind.INTENT, {str(k): v for k, v in INTENTS.items()}),
    ]
    for kind, table in tables:
        for value, by_language in table.items():
            for language, phrases in by_language.items():
                for phrase in phrases:
                    found[language].setdefault(fold_name(phrase), (kind, value))
    return found
