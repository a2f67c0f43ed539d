/// Word lists the entity rules use. Lower case; compared with tokens' folded forms.
enum EntityWords {
    /// Titles that put a person's name right after them ("Defense Secretary Pete Hegseth").
    static let titles: Set<String> = [
        "president", "vice", "prime", "minister", "secretary", "senator", "sen.", "rep.", "representative",
        "governor", "gov.", "chancellor", "king", "queen", "prince", "princess", "pope", "dr.", "mr.", "mrs.", "ms.",
        "general", "gen.", "ambassador", "director", "chairman", "chairwoman", "chair", "ceo", "spokesman",
        "spokeswoman", "spokesperson", "judge", "justice", "mayor", "leader", "premier", "commissioner", "envoy",
        "speaker", "attorney", "admiral", "adm.", "colonel", "col.", "lt.", "sgt.", "captain", "capt.", "sheikh",
        "emir", "sultan", "archbishop", "bishop", "rabbi", "imam", "officer", "chief", "head", "founder", "billionaire",
        // Ranks as news abbreviates them (the period is not part of the word).
        "gen", "lt", "col", "maj", "brig", "sgt", "capt", "adm", "cmdr", "cpl", "pvt", "spc", "sen", "rep", "gov", "dr", "mr",
        "mrs", "ms", "lieutenant", "sergeant", "commander", "marshal", "corporal",
    ]

    /// Words a headline in title case leaves in lower case.
    static let headlineSmallWords: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "by", "with", "as", "from", "into",
        "onto", "off", "over", "up", "out", "vs", "vs.", "v", "via", "per", "than", "so", "yet", "is", "be",
    ]

    /// Verbs a title-case headline puts after its subject ("Census Bureau Announces Dates"), which the
    /// tagger can take into the name before them.
    static let headlineVerbs: Set<String> = [
        "announces", "says", "wins", "launches", "selects", "signs", "meets", "visits", "calls", "urges", "unveils",
        "warns", "joins", "seeks", "approves", "backs", "hosts", "welcomes", "receives", "appoints", "hires", "acquires",
        "buys", "sells", "sues", "expands", "completes", "confirms", "denies", "rejects", "extends", "cuts", "raises",
        "opens", "celebrates", "arrives", "travels", "returns", "speaks", "tells", "vows", "pledges", "praises", "condemns",
        "criticizes", "criticises", "discusses", "addresses", "nominates", "reiterates", "reaffirms", "stresses", "highlights",
        "issues", "releases", "hails", "attends", "leads", "heads", "begins", "starts", "outlines", "proposes", "delivers",
    ]

    /// Days of the week.
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Months and their short forms ("May" is left out: Theresa May).
    static let months: Set<String> = [
        "january", "february", "april", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    ]

    /// Months and weekdays, which are no name on their own.
    static let calendarWords: Set<String> = weekdays.union(months)

    /// Words that head a government body's name, which goes on across "and", "of" or "for" to the
    /// field it covers ("Ministry of Energy and Natural Resources").
    static let governmentBodies: Set<String> = [
        "ministry", "department", "office", "bureau", "agency", "commission", "committee", "council", "directorate",
        "secretariat", "administration", "authority", "institute", "board", "service",
    ]
    static let bodyJoiners: Set<String> = ["and", "of", "for"]
    /// Fields of government that are no plural ("Ministry of Energy and Mines" ends in one that is).
    static let fieldsOfGovernment: Set<String> = [
        "energy", "defence", "defense", "justice", "health", "education", "development", "security", "trade", "industry",
        "commerce", "agriculture", "environment", "tourism", "culture", "transport", "transportation", "labour", "labor",
        "finance", "planning", "housing", "infrastructure", "innovation", "technology", "science", "research", "welfare",
        "employment", "investment", "immigration", "forestry", "conservation", "integration", "cooperation",
    ]

    /// Holidays and festivals: named, but neither people, organisations nor places (MISC).
    static let holidays: Set<String> = [
        "easter", "christmas", "ramadan", "eid", "thanksgiving", "hanukkah", "diwali", "passover", "lent", "advent",
        "halloween", "pentecost", "ashura", "nowruz", "yom", "kippur", "purim", "vesak",
    ]

    /// Last words of competitions and events ("World Cup", "Australian Open", "Asian Games").
    static let eventWords: Set<String> = [
        "cup", "trophy", "championship", "championships", "open", "games", "olympics", "olympiad", "tournament", "prix",
        "classic", "masters", "festival", "expo", "summit", "conference", "derby", "marathon", "rally", "tour",
    ]

    /// Plurals that after "the" name no team or body: places, awards, and peoples and faiths (which
    /// annotated news counts as MISC, "the Kurds", "the Sunnis").
    static let notBodyPlurals: Set<String> = [
        "heights", "islands", "isles", "mountains", "hills", "lakes", "falls", "springs", "keys", "plains", "highlands",
        "lowlands", "straits", "americas", "oscars", "grammys", "emmys", "baftas", "tonys", "globes", "psalms", "gospels",
        "jews", "muslims", "christians", "catholics", "protestants", "sunnis", "shias", "shiites", "hindus", "sikhs",
        "buddhists", "arabs", "kurds", "palestinians", "israelis", "uighurs", "uyghurs", "pashtuns", "tamils", "berbers",
        "yazidis", "alawites", "democrats", "republicans", "conservatives", "liberals", "socialists", "communists",
        "tories", "nationalists", "islamists", "jihadists", "maoists", "allies", "forces", "nations", "states",
        "countries", "territories", "provinces", "republics", "emirates", "ages", "crusades", "troubles", "paralympics",
        "finals", "playoffs", "midterms", "accords", "conventions", "protocols", "talks", "papers", "files", "awards",
        "prizes", "scriptures", "commandments", "hebrides", "antilles", "azores", "cyclades", "grenadines", "moluccas",
        "marquesas", "orkneys", "shetlands", "everglades", "badlands", "midlands", "downs", "fens", "wolds", "woods", "lands",
        "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
    ]

    /// Last words of military and transport sites, which are places ("Al Udeid Air Base").
    static let facilityWords: Set<String> = [
        "base", "afb", "airbase", "airfield", "barracks", "airport", "port", "harbor", "harbour", "dam", "bridge",
    ]

    /// Last words of awards and spacecraft, which are things whoever they are named after ("Contractor
    /// Excellence Award", "Israel Prize", "Hubble Space Telescope", "Lunar Reconnaissance Orbiter").
    static let thingWords: Set<String> = [
        "award", "awards", "prize", "prizes", "medal", "trophy", "telescope", "orbiter", "spacecraft", "satellite", "satellites",
    ]

    /// Last words of bodies' names that the tagger leaves off after the words before them ("Goddard
    /// Space | Flight Center", "ManTech | SRS Technologies"). Kept off `organizationSuffixes`, which
    /// the tagger reads as a feature.
    static let bodyLastWords: Set<String> = [
        "center", "centre", "laboratory", "laboratories", "technologies", "observatory", "directorate", "institute",
    ]

    /// Ordinals written out, which number units ("Seventh Fleet", "First Army").
    static let ordinals: Set<String> = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
    ]

    /// Military units' last words ("3rd Infantry Division", "82nd Airborne Division", "7th Fleet"); a
    /// place the gazetteer does not know that ends in one is a force ("Sudanese Armed Forces").
    static let unitWords: Set<String> = [
        "division", "brigade", "regiment", "battalion", "corps", "fleet", "army", "squadron", "wing", "group", "force",
        "forces", "command", "battery", "company", "platoon", "detachment",
    ]

    /// Abbreviations that end a name and are written with a period ("Acme Corp.", "Martin Luther King Jr.").
    static let periodAbbreviations: Set<String> = ["inc", "corp", "co", "ltd", "jr", "sr", "bros"]

    /// Generations after a person's name ("Lloyd J. Austin III", "Martin Luther King Jr.").
    static let generations: Set<String> = ["jr", "sr", "ii", "iii", "iv"]

    /// First words of organisations named "X of Y" ("Department of State", "Office of the
    /// Spokesperson", "Bank of England", "Movement for Democratic Change").
    static let organizationHeads: Set<String> = [
        "department", "ministry", "office", "bureau", "council", "commission", "committee", "agency", "board", "bank",
        "university", "institute", "college", "academy", "court", "house", "senate", "chamber", "federation", "union",
        "association", "league", "party", "church", "order", "corps", "command", "directorate", "administration", "secretariat",
        "movement", "front", "alliance", "coalition", "congress", "organization", "organisation", "forum", "foundation", "society",
    ]

    /// Ranks that, followed by "of", make a name of their own ("Prince of Wales", "Duke of York").
    static let nobility: Set<String> = [
        "prince", "princess", "king", "queen", "duke", "duchess", "earl", "count", "countess", "lord", "lady", "emir", "sultan",
        "archbishop", "bishop", "baron", "baroness", "marquess",
    ]

    /// First words of many bodies' names, which alone stand for none of them ("Defense" is not the
    /// Defense Security Cooperation Agency, "United" not the United Auto Workers).
    static let genericFirstWords: Set<String> = titleDepartments.union([
        "united", "american", "royal", "federal", "central", "new", "world", "global", "european", "british", "democratic",
        "republican", "islamic", "people", "peoples", "popular", "free", "great", "north", "south", "east", "west", "northern",
        "southern", "eastern", "western", "african", "asian", "arab", "pan", "inter", "supreme", "high", "grand", "saint", "st",
    ])

    /// Words of sport before a town that make it its club: "joined Coburg", "beat Leicester"; and,
    /// before "for", "with" or "to", "played for North Melbourne", "lost to Orlando".
    static let joiningVerbs: Set<String> = [
        "joined", "joins", "rejoined", "coached", "coaches", "captained", "beat", "beats", "defeated", "thrashed", "edged",
        "outplayed", "eliminated",
    ]
    static let playingVerbs: Set<String> = [
        "played", "plays", "playing", "signed", "signs", "signing", "loaned", "transferred", "traded", "debut", "appearances",
        "lost", "loss", "drew", "draw",
    ]
    /// Roles after a town that make it its club: "Leicester striker", "Coburg coach".
    static let sportsRoles: Set<String> = [
        "striker", "midfielder", "defender", "goalkeeper", "keeper", "forward", "winger", "fullback", "captain", "skipper",
        "coach", "manager", "boss", "quarterback", "pitcher", "outfielder", "shortstop", "fans", "supporters",
    ]

    /// Verbs that people do and towns do not, after a one-word name ("Austin toured", "Zakira said").
    static let peoplesVerbs: Set<String> = [
        "said", "says", "told", "tells", "met", "meets", "toured", "visited", "spoke", "speaks", "announced", "added", "thanked",
        "welcomed", "emphasized", "emphasised", "underscored", "reaffirmed", "highlighted", "noted", "praised", "urged", "stressed",
        "expressed", "discussed", "wrote", "arrived", "testified", "resigned", "insisted", "acknowledged", "recalled", "replied",
    ]

    /// Last words of a force named for its place ("Sudan Armed Forces", "Philippine Coast Guard").
    static let serviceWords: Set<String> = unitWords.subtracting(["group", "company", "wing"]).union([
        "navy", "guard", "police", "militia", "marines", "gendarmerie",
    ])

    /// Words of government departments, which annotated news parts from the country before them.
    static let departmentWords: Set<String> = ["department", "treasury", "ministry", "embassy", "consulate", "mission", "state"]

    /// Short words that end English compounds after a name ("Kremlin-run", "Soviet-era").
    static let compoundEndings: Set<String> = [
        "run", "born", "made", "held", "style", "era", "like", "wide", "bound", "type", "free", "proof", "only", "wise",
        "led", "owned", "set", "built", "bred", "grown", "hit", "torn", "ruled", "area", "zone", "level", "scale", "sized",
    ]

    /// Rooms of state, which are places though named like bodies.
    static let roomsOfState: Set<String> = ["oval office", "situation room", "cabinet room", "east room", "state dining room"]

    /// Bodies named "General" and a word, not a general's surname ("General Dynamics", "General Mills").
    static let companiesAfterGeneral: Set<String> = [
        "dynamics", "atomics", "electric", "mills", "motors", "instruments", "foods", "assembly", "staff", "hospital",
        "accounting", "conference", "council", "synod", "secretariat", "directorate", "command",
    ]

    /// Words that make a title of the title word after them, not a surname ("Crown Prince", "Grand
    /// Mufti", "Supreme Leader").
    static let titleModifiers: Set<String> = [
        "crown", "grand", "supreme", "deputy", "acting", "former", "interim", "assistant", "associate", "executive",
        "senior", "junior", "high", "lord", "chief", "first", "second", "third", "new", "late", "sitting",
    ]

    /// Words of a title's department or service, which go with the title rather than the name that
    /// follows it: "Defense Secretary", "Secretary of State", "Minister of Energy", "Army Gen.".
    static let titleDepartments: Set<String> = [
        "of", "the", "for", "and", "state", "defense", "defence", "foreign", "affairs", "interior", "home", "energy", "finance",
        "treasury", "homeland", "security", "health", "justice", "trade", "commerce", "economy", "economic", "labor", "labour",
        "education", "agriculture", "transport", "transportation", "environment", "army", "navy", "naval", "air", "force",
        "marine", "marines", "corps", "deputy", "assistant", "under", "vice", "acting", "staff", "chiefs", "joint", "national",
        "natural", "resources", "development", "international", "public", "press", "senior", "general", "executive",
        "operations", "command", "intelligence", "chief", "first", "lady", "former", "u.s.", "us", "uk",
    ]

    /// Last words that make a capitalised run an organisation.
    static let organizationSuffixes: Set<String> = [
        "inc", "inc.", "corp", "corp.", "corporation", "co.", "ltd", "ltd.", "llc", "plc", "group", "agency", "department",
        "ministry", "council", "committee", "commission", "university", "college", "institute", "foundation",
        "association", "union", "party", "bank", "times", "post", "journal", "news", "press", "herald", "tribune",
        "gazette", "telegraph", "guardian", "review", "magazine", "network", "service", "services", "administration",
        "company", "holdings", "technologies", "systems", "labs", "airlines", "army", "navy", "force", "police",
        "court", "parliament", "senate", "congress", "assembly", "federation", "organization", "organisation",
        // Leagues and clubs ("National Hockey League", "Cambridge United"), movements and bodies.
        "league", "united", "rovers", "rangers", "athletic", "wanderers", "fc", "club", "society", "alliance", "front",
        "movement", "coalition", "authority", "bureau", "fund", "trust", "brigade", "regiment", "corps", "academy", "school",
        "motors", "airways", "railways", "media", "broadcasting", "television", "radio", "records", "studios", "pharmaceuticals",
    ]

    /// First words that make a capitalised run of two or more words a place ("Santa Fe", "Fort Worth").
    static let placePrefixes: Set<String> = ["san", "santa", "são", "saint", "fort", "mount", "cape", "port", "lake"]

    /// Last words that make a capitalised run a place or building.
    static let placeSuffixes: Set<String> = [
        "office", "house", "square", "street", "avenue", "bridge", "palace", "airport", "river", "sea", "ocean",
        "mountains", "island", "islands", "valley", "province", "county", "state", "city", "district", "region",
        "peninsula", "strait", "gulf", "bay", "lake", "park", "hall", "tower", "station", "port",
    ]

    /// Words that are never part of a name: months, days, and the boilerplate of news pages.
    static let neverNames: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
        "nov.", "dec.", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "photo", "photos", "license", "image", "images", "video", "credit", "file", "share", "advertisement",
        "subscribe", "read", "more", "click", "here", "caption", "getty", "copyright", "update", "updated", "breaking",
    ]

    /// Words that begin sentences in English news without being names.
    static let commonWords: Set<String> = [
        "a", "an", "the", "it", "its", "it's", "in", "on", "at", "by", "for", "from", "to", "of", "and", "but", "or",
        "as", "if", "so", "this", "that", "these", "those", "there", "here", "he", "she", "they", "we", "you", "i",
        "his", "her", "their", "our", "my", "your", "what", "when", "where", "who", "why", "how", "which", "while",
        "after", "before", "during", "since", "until", "with", "without", "about", "against", "between", "into",
        "through", "over", "under", "together", "also", "however", "meanwhile", "still", "yet", "then", "now",
        "today", "yesterday", "tomorrow", "last", "next", "some", "many", "most", "more", "much", "all", "both",
        "each", "every", "no", "not", "one", "two", "three", "other", "another", "such", "only", "even", "just",
        "officials", "sources", "critics", "analysts", "experts", "residents", "police", "authorities", "according",
        "despite", "although", "because", "though", "whether", "once", "earlier", "later", "instead", "already",
        "several", "few", "any", "be", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
        "could", "should", "may", "might", "must", "do", "does", "did", "said", "says", "new", "first", "former",
        "under", "amid", "across", "around", "near", "toward", "towards", "within", "like", "unlike", "please",
    ]

    /// Legal forms of companies abroad ("Siemens AG", "Philips N.V."): a name ending in one is an
    /// organisation, whatever else it looks like. Kept out of the tagger's cue lists, so the model
    /// does not depend on it.
    static let companyForms: Set<String> = [
        "ag", "gmbh", "kgaa", "s.a.", "n.v.", "s.p.a.", "b.v.", "oyj", "asa", "pty", "bhd",
        "s.a.s.", "sarl", "srl", "k.k.", "limited", "incorporated", "llp",
    ]

    /// Every legal form that extends the name before it, abroad or in English ("Siemens AG", "Acme Inc.").
    static let legalForms = companyForms.union(["inc", "inc.", "ltd", "ltd.", "plc", "corp", "llc"])

    /// Lower-case words allowed inside a name ("Bank of England", "Charles de Gaulle").
    static let nameConnectors: Set<String> = ["of", "de", "del", "da", "van", "von", "der", "al", "bin", "la", "le", "du", "for", "and"]

    /// Lower-case particles that may also begin a name ("al-Qaeda", "de Gaulle", "van Gogh").
    static let nameParticles: Set<String> = [
        "al", "el", "ad", "as", "bin", "ibn", "abu", "de", "da", "di", "du", "del", "della", "der", "den", "van", "von",
        "ter", "la", "le", "dos", "das",
    ]

    /// Lower-case words that may stand inside a name: the connectors and particles, "the" ("Bosnia
    /// and the Herzegovina" no, "Prince of the Asturias" yes) and "&".
    static let insideNames: Set<String> = nameConnectors.union(nameParticles).union(["the", "&", "on", "upon", "y", "e"])
}
