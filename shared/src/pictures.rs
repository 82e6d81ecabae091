//! Pictures for easy read: a curated vocabulary of everyday concepts, each with an
//! open-licence symbol (Fluent Emoji Flat, © Microsoft, MIT licence) and the words it stands
//! for, so a picture can be found by word and suggested from what an item says. The symbols
//! are served from our own server (`/assets/pictures/{key}.svg`), written there by
//! `cargo xtask build` from the pinned npm package.

/// One concept: its picture key (what items store), the symbol's name in the set, and the
/// words (and needs-heading keys) it stands for, lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concept {
    pub key: &'static str,
    pub icon: &'static str,
    pub words: &'static [&'static str],
}

const fn concept(key: &'static str, icon: &'static str, words: &'static [&'static str]) -> Concept {
    Concept { key, icon, words }
}

/// Where the symbols come from, shown in the app and shipped beside them.
pub const ATTRIBUTION: &str = "Pictures: Fluent Emoji by Microsoft Corporation, MIT licence (github.com/microsoft/fluentui-emoji).";

pub const VOCABULARY: [Concept; 334] = [
    concept(
        "eat",
        "fork-and-knife-with-plate",
        &[
            "eat",
            "eating",
            "meal",
            "meals",
            "food",
            "dinner",
            "lunch",
            "breakfast",
            "eating_and_drinking",
        ],
    ),
    concept(
        "drink",
        "cup-with-straw",
        &["drink", "drinks", "drinking", "hydration", "water"],
    ),
    concept(
        "medicine",
        "pill",
        &[
            "medicine",
            "medicines",
            "medication",
            "tablet",
            "tablets",
            "pills",
        ],
    ),
    concept(
        "doctor",
        "stethoscope",
        &["doctor", "gp", "health", "check-up", "nurse", "clinic"],
    ),
    concept("hospital", "hospital", &["hospital", "appointment"]),
    concept(
        "injection",
        "syringe",
        &["injection", "jab", "vaccine", "insulin"],
    ),
    concept("ambulance", "ambulance", &["ambulance", "emergency", "999"]),
    concept(
        "wash",
        "shower",
        &[
            "wash",
            "washing",
            "shower",
            "personal_care",
            "personal",
            "care",
        ],
    ),
    concept("bath", "bathtub", &["bath", "bathing"]),
    concept(
        "teeth",
        "toothbrush",
        &["teeth", "tooth", "brush", "dentist"],
    ),
    concept("soap", "soap", &["soap", "hands", "hygiene"]),
    concept("toilet", "toilet", &["toilet", "loo", "continence"]),
    concept(
        "sleep",
        "sleeping-face",
        &["sleep", "sleeping", "rest", "tired", "night"],
    ),
    concept("bed", "bed", &["bed", "bedtime", "bedroom"]),
    concept(
        "money",
        "money-bag",
        &["money", "finances", "budget", "benefits", "pay", "cash"],
    ),
    concept("coin", "coin", &["coins", "change", "pocket"]),
    concept("card", "credit-card", &["card", "bank-card", "debit"]),
    concept("bank", "bank", &["bank", "savings"]),
    concept(
        "shop",
        "shopping-cart",
        &["shop", "shopping", "supermarket", "groceries"],
    ),
    concept(
        "bags",
        "shopping-bags",
        &["bags", "buying", "clothes-shopping"],
    ),
    concept("bus", "bus", &["bus", "buses", "transport", "travel"]),
    concept("bus-stop", "bus-stop", &["bus-stop", "stop", "timetable"]),
    concept("car", "automobile", &["car", "lift", "drive", "driving"]),
    concept("taxi", "taxi", &["taxi", "cab"]),
    concept("train", "train", &["train", "railway", "station"]),
    concept("bike", "bicycle", &["bike", "bicycle", "cycling"]),
    concept(
        "walk",
        "person-walking",
        &["walk", "walking", "mobility", "walks", "stroll"],
    ),
    concept(
        "wheelchair",
        "manual-wheelchair",
        &["wheelchair", "mobility-aid"],
    ),
    concept(
        "run",
        "person-running",
        &["run", "running", "jog", "exercise"],
    ),
    concept("swim", "person-swimming", &["swim", "swimming", "pool"]),
    concept("gym", "man-lifting-weights", &["gym", "weights", "fitness"]),
    concept(
        "strong",
        "flexed-biceps",
        &["strong", "strength", "strengths"],
    ),
    concept(
        "work",
        "briefcase",
        &[
            "work",
            "job",
            "employment",
            "volunteer",
            "volunteering",
            "work_and_learning",
        ],
    ),
    concept("office", "office-building", &["office", "workplace"]),
    concept(
        "learn",
        "books",
        &["learn", "learning", "reading", "study", "course"],
    ),
    concept("school", "school", &["school", "college"]),
    concept(
        "graduate",
        "graduation-cap",
        &["qualification", "certificate", "graduate"],
    ),
    concept("teacher", "teacher", &["teacher", "tutor", "lesson"]),
    concept("write", "memo", &["write", "writing", "note", "notes"]),
    concept("pencil", "pencil", &["pencil", "draw", "drawing"]),
    concept(
        "friends",
        "smiling-face-with-hearts",
        &["friends", "friendship", "hug", "relationships"],
    ),
    concept(
        "family",
        "people-hugging",
        &["family", "parents", "children", "relatives"],
    ),
    concept(
        "meet",
        "handshake",
        &["meet", "meeting", "agree", "agreement"],
    ),
    concept(
        "phone",
        "mobile-phone",
        &["phone", "mobile", "call", "text", "calls"],
    ),
    concept("telephone", "telephone-receiver", &["telephone", "ring"]),
    concept(
        "talk",
        "speech-balloon",
        &["talk", "talking", "communication", "speak", "say", "chat"],
    ),
    concept(
        "speak",
        "speaking-head",
        &["speaking", "voice", "read-aloud"],
    ),
    concept("listen", "ear", &["listen", "hearing", "ears"]),
    concept(
        "hearing-aid",
        "ear-with-hearing-aid",
        &["hearing-aid", "deaf"],
    ),
    concept("see", "eye", &["see", "sight", "eyes", "vision"]),
    concept("glasses", "glasses", &["glasses", "spectacles"]),
    concept(
        "happy",
        "grinning-face-with-big-eyes",
        &["happy", "glad", "good", "great", "well"],
    ),
    concept(
        "smile",
        "smiling-face-with-smiling-eyes",
        &["smile", "pleased", "proud"],
    ),
    concept(
        "sad",
        "crying-face",
        &["sad", "upset", "cry", "crying", "unhappy"],
    ),
    concept(
        "worried",
        "worried-face",
        &[
            "worried", "worry", "anxious", "anxiety", "scared", "nervous",
        ],
    ),
    concept(
        "angry",
        "angry-face",
        &["angry", "cross", "annoyed", "frustrated"],
    ),
    concept(
        "calm",
        "relieved-face",
        &["calm", "relaxed", "relax", "peaceful"],
    ),
    concept("okay", "neutral-face", &["okay", "alright", "so-so"]),
    concept("tired", "tired-face", &["exhausted", "weary"]),
    concept(
        "pain",
        "face-with-head-bandage",
        &["pain", "hurt", "ache", "injury", "sore"],
    ),
    concept(
        "ill",
        "face-with-thermometer",
        &["ill", "sick", "poorly", "unwell", "temperature"],
    ),
    concept(
        "safe",
        "shield",
        &["safe", "safety", "protect", "safeguarding", "secure"],
    ),
    concept("lock", "locked", &["lock", "locked", "security"]),
    concept("key", "key", &["key", "keys"]),
    concept(
        "home",
        "house-with-garden",
        &["home", "house", "flat", "living", "accommodation"],
    ),
    concept("house", "house", &["housing", "tenancy", "residence"]),
    concept("door", "door", &["door", "front-door", "entrance"]),
    concept(
        "kitchen",
        "cooking",
        &["cook", "cooking", "kitchen", "fry", "daily_living"],
    ),
    concept("pot", "pot-of-food", &["stew", "soup", "pan", "recipe"]),
    concept("bread", "bread", &["bread", "toast", "bakery"]),
    concept("salad", "green-salad", &["salad", "vegetables", "healthy"]),
    concept("fruit", "red-apple", &["fruit", "apple", "fresh"]),
    concept("banana", "banana", &["banana", "snack"]),
    concept("carrot", "carrot", &["carrot", "veg"]),
    concept("pizza", "pizza", &["pizza", "takeaway"]),
    concept("sandwich", "sandwich", &["sandwich", "packed-lunch"]),
    concept("cake", "birthday-cake", &["cake", "birthday", "celebrate"]),
    concept(
        "tea",
        "hot-beverage",
        &["tea", "coffee", "cuppa", "hot-drink"],
    ),
    concept("milk", "glass-of-milk", &["milk", "dairy"]),
    concept("rice", "cooked-rice", &["rice"]),
    concept(
        "clean",
        "broom",
        &["clean", "cleaning", "tidy", "housework", "chores"],
    ),
    concept("sponge", "sponge", &["washing-up", "dishes"]),
    concept(
        "laundry",
        "basket",
        &["laundry", "washing-clothes", "clothes-wash"],
    ),
    concept(
        "clothes",
        "t-shirt",
        &["clothes", "dress", "dressing", "clothing"],
    ),
    concept("jeans", "jeans", &["trousers", "jeans"]),
    concept(
        "calendar",
        "calendar",
        &[
            "calendar",
            "date",
            "day",
            "week",
            "month",
            "appointment-date",
            "diary",
            "schedule",
        ],
    ),
    // A list on a notepad: a plan is what we write down to do, not a date.
    concept("plan", "spiral-notepad", &["plan", "plans", "planning"]),
    concept(
        "time",
        "alarm-clock",
        &["time", "clock", "alarm", "morning", "wake"],
    ),
    concept(
        "clipboard",
        "clipboard",
        &["review", "assessment", "checklist", "form"],
    ),
    concept(
        "done",
        "check-mark-button",
        &["done", "yes", "agree", "achieved", "complete", "finished"],
    ),
    concept(
        "no",
        "cross-mark",
        &["no", "not", "stop", "disagree", "refuse"],
    ),
    concept(
        "good",
        "thumbs-up",
        &["thumbs-up", "like", "okay-sign", "fine"],
    ),
    concept("bad", "thumbs-down", &["thumbs-down", "dislike"]),
    concept(
        "love",
        "red-heart",
        &["love", "care", "caring", "heart", "important"],
    ),
    concept(
        "star",
        "star",
        &["star", "best", "favourite", "goal", "goals"],
    ),
    concept(
        "idea",
        "light-bulb",
        &["idea", "ideas", "think", "thinking", "choice", "choose"],
    ),
    concept(
        "music",
        "musical-note",
        &["music", "song", "songs", "singing", "sing", "choir"],
    ),
    concept("microphone", "microphone", &["karaoke", "microphone"]),
    concept("guitar", "guitar", &["guitar", "instrument", "band"]),
    concept(
        "football",
        "soccer-ball",
        &["football", "sport", "sports", "match"],
    ),
    concept(
        "tv",
        "television",
        &["tv", "television", "watch", "film", "films"],
    ),
    concept(
        "computer",
        "laptop",
        &["computer", "laptop", "internet", "online", "email"],
    ),
    concept(
        "games",
        "video-game",
        &["games", "gaming", "play", "console"],
    ),
    concept("dog", "dog", &["dog", "pet", "pets"]),
    concept("cat", "cat", &["cat"]),
    concept(
        "garden",
        "seedling",
        &["garden", "gardening", "plants", "grow"],
    ),
    concept(
        "tree",
        "deciduous-tree",
        &["park", "tree", "nature", "outdoors", "outside"],
    ),
    concept("sun", "sun", &["sun", "sunny", "weather", "summer"]),
    concept("rain", "cloud-with-rain", &["rain", "wet"]),
    concept("umbrella", "umbrella", &["umbrella", "coat"]),
    concept(
        "brain",
        "brain",
        &["brain", "memory", "remember", "mental-health", "mind"],
    ),
    concept(
        "heart",
        "anatomical-heart",
        &["heart-health", "blood-pressure"],
    ),
    concept("tooth", "tooth", &["dental"]),
    concept("blood", "drop-of-blood", &["blood", "blood-test"]),
    concept(
        "bandage",
        "adhesive-bandage",
        &["plaster", "cut", "first-aid"],
    ),
    concept("thermometer", "thermometer", &["thermometer"]),
    concept("church", "church", &["church", "faith", "christian"]),
    concept("mosque", "mosque", &["mosque", "muslim", "islam"]),
    concept("synagogue", "synagogue", &["synagogue", "jewish"]),
    concept("temple", "hindu-temple", &["temple", "hindu"]),
    concept(
        "pray",
        "folded-hands",
        &[
            "pray",
            "prayer",
            "religion",
            "beliefs",
            "culture_and_beliefs",
            "culture",
            "worship",
        ],
    ),
    concept(
        "world",
        "globe-showing-europe-africa",
        &["world", "country", "language"],
    ),
    concept(
        "holiday",
        "airplane",
        &["holiday", "holidays", "trip", "fly", "abroad"],
    ),
    concept("map", "world-map", &["map", "directions", "route"]),
    concept("police", "police-car", &["police", "crime"]),
    concept(
        "fire",
        "fire-engine",
        &["fire", "fire-safety", "smoke-alarm"],
    ),
    concept(
        "danger",
        "warning",
        &["danger", "risk", "risks", "hazard", "careful"],
    ),
    concept("stop-sign", "stop-sign", &["stop-sign", "halt"]),
    concept("no-entry", "no-entry", &["no-entry", "not-allowed"]),
    concept(
        "question",
        "red-question-mark",
        &["question", "ask", "help?", "what", "why"],
    ),
    concept(
        "important",
        "red-exclamation-mark",
        &["important-note", "attention", "alert"],
    ),
    concept("present", "wrapped-gift", &["present", "gift", "gifts"]),
    concept("party", "party-popper", &["party", "celebration", "fun"]),
    concept("hug", "hugging-face", &["hug-me", "comfort"]),
    concept(
        "hand-up",
        "person-raising-hand",
        &["ask-for-help", "volunteer-hand", "me"],
    ),
    concept("wave", "waving-hand", &["hello", "goodbye", "bye", "hi"]),
    concept(
        "relax",
        "person-in-lotus-position",
        &["relaxing", "meditation", "yoga", "breathing"],
    ),
    concept(
        "envelope",
        "envelope",
        &["letter", "letters", "post", "mail"],
    ),
    concept("newspaper", "newspaper", &["news", "newspaper"]),
    concept("ticket", "ticket", &["ticket", "tickets", "event"]),
    concept("theatre", "performing-arts", &["theatre", "drama", "show"]),
    concept(
        "art",
        "artist-palette",
        &["art", "painting", "paint", "craft", "crafts"],
    ),
    concept(
        "camera",
        "camera",
        &["camera", "photo", "photos", "photograph"],
    ),
    concept(
        "shopfront",
        "convenience-store",
        &["corner-shop", "local-shop"],
    ),
    concept("post-office", "post-office", &["post-office", "parcel"]),
    concept("chair", "chair", &["chair", "sit", "sitting"]),
    concept("sofa", "couch-and-lamp", &["sofa", "lounge", "living-room"]),
    concept("window", "window", &["window"]),
    concept("knife", "kitchen-knife", &["knife", "chopping", "sharp"]),
    concept("spoon", "spoon", &["spoon", "stir"]),
    concept("cutlery", "fork-and-knife", &["cutlery", "table"]),
    concept("ice-cream", "ice-cream", &["ice-cream", "treat", "dessert"]),
    concept("sweets", "candy", &["sweets", "sugar"]),
    concept("receipt", "receipt", &["receipt", "bill", "bills"]),
    concept(
        "banknote",
        "pound-banknote",
        &["pounds", "banknote", "notes-money"],
    ),
    concept("notebook", "notebook", &["notebook", "journal"]),
    concept("book", "open-book", &["book", "story", "easy-read"]),
    concept(
        "page",
        "page-facing-up",
        &["page", "document", "documents", "paper"],
    ),
    concept(
        "scroll",
        "scroll",
        &["rules", "contract", "agreement-paper"],
    ),
    concept(
        "health-worker",
        "health-worker",
        &[
            "health-worker",
            "carer",
            "support-worker",
            "staff",
            "key-worker",
        ],
    ),
    concept(
        "person",
        "person",
        &["person", "me", "myself", "individual"],
    ),
    concept(
        "people",
        "busts-in-silhouette",
        &[
            "people",
            "community",
            "social",
            "social_and_community",
            "group",
            "together",
        ],
    ),
    concept("baby", "baby", &["baby"]),
    concept(
        "older-person",
        "older-person",
        &["older", "elderly", "grandparent", "gran", "grandad"],
    ),
    concept("dark", "new-moon", &["evening", "dark"]),
    concept("moon", "crescent-moon", &["moon", "night-time"]),
    concept("sunrise", "sunrise", &["sunrise", "early"]),
    concept("sparkles", "sparkles", &["new", "special", "wow"]),
    concept("trophy", "trophy", &["trophy", "win", "winner", "success"]),
    concept("medal", "1st-place-medal", &["medal", "award", "well-done"]),
    concept(
        "target",
        "bullseye",
        &[
            "target",
            "aim",
            "aims",
            "aspiration",
            "aspirations",
            "hopes",
            "dream",
            "dreams",
        ],
    ),
    concept("rocket", "rocket", &["future", "ambition"]),
    concept(
        "seedling-grow",
        "potted-plant",
        &["houseplant", "plant-care"],
    ),
    concept(
        "stairs",
        "ladder",
        &["steps", "stairs", "climb", "progress"],
    ),
    concept("wallet", "purse", &["wallet", "purse", "wallets", "purses"]),
    concept(
        "wages",
        "dollar-banknote",
        &["wages", "salary", "income", "earnings"],
    ),
    concept("spending", "money-with-wings", &["spending", "expenses"]),
    concept(
        "debt",
        "chart-decreasing",
        &["debt", "debts", "loan", "loans", "overdraft"],
    ),
    concept(
        "price",
        "label",
        &["price", "prices", "price-tag", "cost", "costs"],
    ),
    concept(
        "cash-machine",
        "atm-sign",
        &["cash-machine", "cashpoint", "atm"],
    ),
    concept("euro", "euro-banknote", &["euro", "euros"]),
    concept("rent", "old-key", &["rent", "landlord", "tenant"]),
    concept(
        "rights",
        "balance-scale",
        &["rights", "law", "legal", "justice", "court"],
    ),
    concept("lawyer", "judge", &["lawyer", "solicitor", "judge"]),
    concept(
        "counting",
        "abacus",
        &["counting", "maths", "numbers", "sums"],
    ),
    concept(
        "inhaler",
        "lungs",
        &["inhaler", "asthma", "lungs", "breathe"],
    ),
    concept(
        "cream",
        "lotion-bottle",
        &["cream", "lotion", "ointment", "moisturiser", "sun-cream"],
    ),
    concept(
        "eye-drops",
        "droplet",
        &["eye-drops", "ear-drops", "nose-drops"],
    ),
    concept(
        "pharmacy",
        "medical-symbol",
        &["pharmacy", "chemist", "prescription", "pharmacist"],
    ),
    concept(
        "germs",
        "microbe",
        &["germs", "infection", "virus", "bacteria"],
    ),
    concept(
        "mask",
        "face-with-medical-mask",
        &["mask", "masks", "face-mask", "covid"],
    ),
    concept(
        "flu",
        "sneezing-face",
        &["flu", "sneeze", "sneezing", "runny-nose", "hay-fever"],
    ),
    concept(
        "vomit",
        "face-vomiting",
        &["vomit", "vomiting", "nausea", "nauseous"],
    ),
    concept(
        "dizzy",
        "face-with-spiral-eyes",
        &["dizzy", "dizziness", "faint", "fainting"],
    ),
    concept(
        "seizure",
        "high-voltage",
        &["seizure", "seizures", "epilepsy"],
    ),
    concept(
        "allergy",
        "peanuts",
        &["allergy", "allergies", "allergic", "nuts"],
    ),
    concept("x-ray", "x-ray", &["x-ray", "scan", "scans"]),
    concept(
        "bone",
        "bone",
        &["bone", "bones", "broken-bone", "fracture"],
    ),
    concept(
        "foot",
        "foot",
        &["foot", "feet", "toes", "podiatrist", "chiropodist"],
    ),
    concept("leg", "leg", &["leg", "legs", "knee", "knees"]),
    concept("nose", "nose", &["nose", "smell", "nosebleed"]),
    concept(
        "swallow",
        "tongue",
        &["swallowing", "swallow", "taste", "tongue"],
    ),
    concept(
        "pregnant",
        "pregnant-woman",
        &["pregnant", "pregnancy", "midwife"],
    ),
    concept(
        "baby-bottle",
        "baby-bottle",
        &["baby-bottle", "bottle", "formula"],
    ),
    concept(
        "white-cane",
        "white-cane",
        &["white-cane", "cane", "walking-stick", "blind"],
    ),
    concept("guide-dog", "guide-dog", &["guide-dog", "assistance-dog"]),
    concept(
        "powered-wheelchair",
        "motorized-wheelchair",
        &[
            "powered-wheelchair",
            "electric-wheelchair",
            "mobility-scooter",
        ],
    ),
    concept(
        "prosthetic",
        "mechanical-leg",
        &["prosthetic", "prosthesis", "artificial-leg"],
    ),
    concept("crutches", "crutch", &["crutches", "crutch"]),
    concept(
        "grief",
        "broken-heart",
        &["grief", "bereavement", "heartbroken", "mourning"],
    ),
    concept(
        "funeral",
        "headstone",
        &["funeral", "grave", "cemetery", "death", "died"],
    ),
    concept(
        "smoking",
        "cigarette",
        &[
            "smoking",
            "smoke",
            "cigarette",
            "cigarettes",
            "vape",
            "vaping",
        ],
    ),
    concept("alcohol", "beer-mug", &["alcohol", "beer", "pub", "drunk"]),
    concept("wine", "wine-glass", &["wine"]),
    concept("tram", "tram", &["tram", "trams"]),
    concept(
        "underground",
        "metro",
        &["underground", "tube", "metro", "subway"],
    ),
    concept("minibus", "minibus", &["minibus", "community-transport"]),
    concept("ferry", "ferry", &["ferry", "boat", "ship", "boats"]),
    concept(
        "motorbike",
        "motorcycle",
        &["motorbike", "motorcycle", "moped"],
    ),
    concept(
        "petrol",
        "fuel-pump",
        &["petrol", "fuel", "petrol-station", "diesel"],
    ),
    concept(
        "traffic-lights",
        "vertical-traffic-light",
        &["traffic-lights", "crossing", "road", "roads", "pavement"],
    ),
    concept(
        "airport",
        "airplane-departure",
        &["airport", "flight", "flights", "plane"],
    ),
    concept("luggage", "luggage", &["suitcase", "luggage", "packing"]),
    concept(
        "parking",
        "p-button",
        &["parking", "car-park", "blue-badge"],
    ),
    concept("canoe", "canoe", &["canoeing", "canoe", "kayak"]),
    concept(
        "excited",
        "star-struck",
        &["excited", "exciting", "excitement", "thrilled"],
    ),
    concept(
        "lonely",
        "pensive-face",
        &["lonely", "loneliness", "isolated"],
    ),
    concept(
        "confused",
        "confused-face",
        &["confused", "confusing", "confusion", "unsure", "puzzled"],
    ),
    concept(
        "bored",
        "expressionless-face",
        &["bored", "boring", "boredom"],
    ),
    concept(
        "embarrassed",
        "flushed-face",
        &["embarrassed", "shy", "awkward"],
    ),
    concept(
        "surprised",
        "astonished-face",
        &["surprised", "surprise", "shocked", "shock"],
    ),
    concept(
        "laugh",
        "face-with-tears-of-joy",
        &["laugh", "laughing", "funny", "joke", "jokes"],
    ),
    concept(
        "stressed",
        "face-screaming-in-fear",
        &["stressed", "stress", "stressful", "panic", "panicking"],
    ),
    concept(
        "overwhelmed",
        "exploding-head",
        &["overwhelmed", "overload"],
    ),
    concept(
        "confident",
        "smiling-face-with-sunglasses",
        &["confident", "confidence"],
    ),
    concept("hungry", "face-savoring-food", &["hungry", "hunger"]),
    concept(
        "disappointed",
        "disappointed-face",
        &["disappointed", "disappointment", "let-down"],
    ),
    concept(
        "quiet",
        "shushing-face",
        &["quiet", "silence", "silent", "shh"],
    ),
    concept(
        "secret",
        "zipper-mouth-face",
        &["secret", "private", "privacy", "confidential"],
    ),
    concept("noise", "loudspeaker", &["noise", "noisy", "volume"]),
    concept("heatwave", "hot-face", &["heatwave", "overheating"]),
    concept(
        "freezing",
        "cold-face",
        &["freezing", "chilly", "shivering"],
    ),
    concept(
        "library",
        "classical-building",
        &["library", "libraries", "museum", "museums"],
    ),
    concept(
        "cafe",
        "teacup-without-handle",
        &["cafe", "café", "coffee-shop", "tearoom"],
    ),
    concept("restaurant", "cook", &["restaurant", "eating-out", "chef"]),
    concept("cinema", "cinema", &["cinema", "movie", "movies"]),
    concept(
        "beach",
        "beach-with-umbrella",
        &["beach", "seaside", "sand", "sea"],
    ),
    concept("hotel", "hotel", &["hotel", "hotels", "bed-and-breakfast"]),
    concept(
        "hairdresser",
        "person-getting-haircut",
        &["hair", "haircut", "hairdresser", "barber"],
    ),
    concept("stadium", "stadium", &["stadium", "concert", "concerts"]),
    concept("camping", "camping", &["camping", "tent", "campsite"]),
    concept(
        "mountain",
        "snow-capped-mountain",
        &["mountain", "mountains", "hills", "hiking"],
    ),
    concept("zoo", "giraffe", &["zoo", "animals", "safari"]),
    concept("playground", "playground-slide", &["playground", "slide"]),
    concept("wedding", "wedding", &["wedding", "marriage", "married"]),
    concept("farm", "tractor", &["farm", "farming", "tractor", "farmer"]),
    concept(
        "town",
        "cityscape",
        &["town", "city", "town-centre", "high-street"],
    ),
    concept("castle", "castle", &["castle", "palace"]),
    concept(
        "funfair",
        "ferris-wheel",
        &["funfair", "fairground", "theme-park", "rides"],
    ),
    concept(
        "neighbour",
        "houses",
        &["neighbour", "neighbours", "neighbourhood", "next-door"],
    ),
    concept("mum", "woman", &["mum", "mother", "mom", "mummy"]),
    concept("dad", "man", &["dad", "father", "daddy"]),
    concept("sister", "girl", &["sister", "sisters", "daughter", "girl"]),
    concept("brother", "boy", &["brother", "brothers", "son", "boy"]),
    concept(
        "partner",
        "two-hearts",
        &["partner", "boyfriend", "girlfriend", "husband", "wife"],
    ),
    concept(
        "social-worker",
        "office-worker",
        &["social-worker", "manager", "case-manager"],
    ),
    concept(
        "advocate",
        "megaphone",
        &["advocate", "advocacy", "speak-up", "campaign"],
    ),
    concept("student", "student", &["student", "students", "pupil"]),
    concept("dance", "woman-dancing", &["dance", "dancing", "disco"]),
    concept("shave", "razor", &["shave", "shaving", "razor", "beard"]),
    concept("makeup", "lipstick", &["makeup", "make-up", "lipstick"]),
    concept(
        "nails",
        "nail-polish",
        &["nails", "nail-polish", "manicure"],
    ),
    concept("bin", "wastebasket", &["bin", "bins", "rubbish"]),
    concept("recycling", "recycling-symbol", &["recycling", "recycle"]),
    concept(
        "electricity",
        "electric-plug",
        &["electricity", "plug", "socket", "power-cut"],
    ),
    concept("doorbell", "bell", &["doorbell", "bell", "buzzer"]),
    concept(
        "pendant-alarm",
        "sos-button",
        &["pendant", "telecare", "sos", "alarm-button", "panic-button"],
    ),
    concept("radio", "radio", &["radio", "podcast"]),
    concept(
        "headphones",
        "headphone",
        &["headphones", "earphones", "headset"],
    ),
    concept("keyboard", "keyboard", &["keyboard", "typing"]),
    concept("printer", "printer", &["printer", "printing", "print"]),
    concept(
        "puzzle",
        "puzzle-piece",
        &["puzzle", "puzzles", "jigsaw", "autism"],
    ),
    concept(
        "dice",
        "game-die",
        &["dice", "board-game", "board-games", "ludo", "bingo"],
    ),
    concept("playing-cards", "joker", &["playing-cards", "poker"]),
    concept("chess", "chess-pawn", &["chess", "draughts"]),
    concept("knitting", "yarn", &["knitting", "knit", "wool", "yarn"]),
    concept("sewing", "sewing-needle", &["sewing", "sew", "mending"]),
    concept("fishing", "fishing-pole", &["fishing", "angling"]),
    concept("bowling", "bowling", &["bowling", "skittles"]),
    concept("basketball", "basketball", &["basketball", "netball"]),
    concept("tennis", "tennis", &["tennis"]),
    concept("golf", "flag-in-hole", &["golf", "mini-golf", "crazy-golf"]),
    concept("boxing", "boxing-glove", &["boxing", "martial-arts"]),
    concept(
        "horse",
        "horse",
        &["horse", "horses", "horse-riding", "pony"],
    ),
    concept("rabbit", "rabbit", &["rabbit", "rabbits", "bunny"]),
    concept("bird", "bird", &["bird", "birds", "budgie"]),
    concept(
        "fish",
        "tropical-fish",
        &["fish", "goldfish", "aquarium", "fish-tank"],
    ),
    concept("snow", "snowflake", &["snow", "snowy", "winter", "icy"]),
    concept("cloud", "cloud", &["cloud", "cloudy"]),
    concept("windy", "wind-face", &["windy", "breeze", "gale"]),
    concept(
        "storm",
        "cloud-with-lightning",
        &["storm", "thunder", "lightning"],
    ),
    concept("rainbow", "rainbow", &["rainbow", "lgbt", "lgbtq"]),
    concept("flowers", "tulip", &["flowers", "flower", "florist"]),
    concept("autumn", "fallen-leaf", &["autumn"]),
    concept("spring", "cherry-blossom", &["spring", "blossom"]),
    concept("christmas", "christmas-tree", &["christmas", "xmas"]),
    concept(
        "fireworks",
        "fireworks",
        &["fireworks", "bonfire-night", "new-year"],
    ),
    concept("halloween", "jack-o-lantern", &["halloween", "pumpkin"]),
    concept(
        "balloon",
        "balloon",
        &["balloon", "balloons", "decorations"],
    ),
    concept("shoes", "running-shoe", &["shoes", "shoe", "trainers"]),
    concept("socks", "socks", &["socks", "sock"]),
    concept("hat", "billed-cap", &["hat", "hats", "cap"]),
    concept("gloves", "gloves", &["gloves", "mittens"]),
    concept("scarf", "scarf", &["scarf"]),
    concept("jacket", "coat", &["jacket", "raincoat", "anorak"]),
    concept(
        "backpack",
        "backpack",
        &["backpack", "rucksack", "schoolbag"],
    ),
    concept(
        "id-card",
        "identification-card",
        &["id-card", "identification", "passport", "id", "bus-pass"],
    ),
    concept("pen", "pen", &["pen", "pens", "signature"]),
    concept(
        "battery",
        "battery",
        &["battery", "batteries", "charger", "charging"],
    ),
    concept(
        "jewellery",
        "gem-stone",
        &["jewellery", "jewelry", "necklace", "earrings"],
    ),
    concept("candle", "candle", &["candle", "candles"]),
    concept(
        "toilet-roll",
        "roll-of-paper",
        &["toilet-roll", "toilet-paper", "kitchen-roll"],
    ),
    concept("scissors", "scissors", &["scissors"]),
    concept("chicken", "poultry-leg", &["chicken", "meat"]),
    concept("burger", "hamburger", &["burger", "burgers", "fast-food"]),
    concept("chips", "french-fries", &["chips", "fries"]),
    concept("egg", "egg", &["egg", "eggs"]),
    concept("cheese", "cheese-wedge", &["cheese"]),
    concept("pasta", "spaghetti", &["pasta", "spaghetti", "noodles"]),
    concept(
        "biscuit",
        "cookie",
        &["biscuit", "biscuits", "cookie", "cookies"],
    ),
    concept("chocolate", "chocolate-bar", &["chocolate"]),
    concept(
        "cereal",
        "bowl-with-spoon",
        &["cereal", "porridge", "cornflakes"],
    ),
    concept("potato", "potato", &["potato", "potatoes", "mash"]),
    concept("juice", "beverage-box", &["juice", "squash"]),
];

/// The concept with this picture key.
pub fn find(key: &str) -> Option<&'static Concept> {
    VOCABULARY.iter().find(|c| c.key == key)
}

mod polish;

/// The concept's Polish words (empty if it has none).
fn polish(concept: &Concept) -> &'static [&'static str] {
    polish::WORDS
        .iter()
        .find(|(key, _)| *key == concept.key)
        .map_or(&[], |(_, words)| *words)
}

/// The picture's name for a reader of `language` (a BCP 47 tag): its first Polish word for
/// Polish, its first English word otherwise.
pub fn name(concept: &Concept, language: &str) -> &'static str {
    let words = if language.starts_with("pl") {
        polish(concept)
    } else {
        concept.words
    };
    words.first().copied().unwrap_or(concept.key)
}

/// Every word a concept is found by, in every language.
fn words(concept: &Concept) -> impl Iterator<Item = &'static str> {
    concept.words.iter().chain(polish(concept)).copied()
}

fn stands_for(concept: &Concept, word: &str) -> bool {
    concept.key == word || words(concept).any(|w| w == word)
}

/// Concepts whose key or words start with `query` (a search box), best matches first: an
/// exact word before a word that only starts with it.
pub fn search(query: &str) -> Vec<&'static Concept> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut exact: Vec<&Concept> = VOCABULARY
        .iter()
        .filter(|c| stands_for(c, &query))
        .collect();
    let starts = VOCABULARY.iter().filter(|c| {
        !stands_for(c, &query)
            && (c.key.starts_with(&query) || words(c).any(|w| w.starts_with(&query)))
    });
    exact.extend(starts);
    exact
}

/// A picture for a text: the first of its words that a concept stands for (a plural also
/// matches its singular). `None` when no word does.
pub fn suggest(text: &str) -> Option<&'static str> {
    crate::plain_language::words(text).iter().find_map(|word| {
        let singular = word.strip_suffix('s').unwrap_or(word);
        VOCABULARY
            .iter()
            .find(|c| stands_for(c, word) || stands_for(c, singular))
            .map(|c| c.key)
    })
}

/// The picture for a needs heading, by its key.
pub fn for_heading(heading_key: &str) -> Option<&'static str> {
    VOCABULARY
        .iter()
        .find(|c| c.words.contains(&heading_key))
        .map(|c| c.key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::needs::DEFAULT_HEADINGS;
    use crate::validation::is_picture_key;

    #[test]
    fn at_least_150_concepts_with_unique_valid_keys() {
        assert!(VOCABULARY.len() >= 150, "{}", VOCABULARY.len());
        let mut keys: Vec<&str> = VOCABULARY.iter().map(|c| c.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), VOCABULARY.len(), "keys are unique");
        assert!(VOCABULARY.iter().all(|c| is_picture_key(c.key)));
        assert!(VOCABULARY.iter().all(|c| !c.words.is_empty()));
    }

    #[test]
    fn every_needs_heading_has_a_picture() {
        for (key, _) in DEFAULT_HEADINGS {
            assert!(for_heading(key).is_some(), "{key}");
        }
    }

    #[test]
    fn everyday_words_find_their_pictures() {
        for word in [
            "eat", "drink", "medicine", "doctor", "wash", "sleep", "money", "shop", "bus", "work",
            "learn", "friends", "family", "phone", "happy", "sad", "worried", "pain", "safe",
            "home", "cook", "walk",
        ] {
            assert!(!search(word).is_empty(), "{word}");
        }
        assert_eq!(search("medication")[0].key, "medicine");
        assert!(
            search("sw").iter().any(|c| c.key == "swim"),
            "by the start of a word"
        );
        assert!(search("  ").is_empty());
    }

    #[test]
    fn every_picture_has_polish_words_in_the_vocabularys_order() {
        assert_eq!(polish::WORDS.len(), VOCABULARY.len());
        for (concept, (key, words)) in VOCABULARY.iter().zip(polish::WORDS) {
            assert_eq!(concept.key, key);
            assert!(!words.is_empty(), "{key}");
            assert!(
                words.iter().all(|w| *w == w.to_lowercase()),
                "{key}: lower case, as the search compares"
            );
        }
    }

    #[test]
    fn polish_words_find_and_name_their_pictures() {
        assert_eq!(search("jedzenie")[0].key, "eat");
        assert!(search("jedz").iter().any(|c| c.key == "eat"));
        assert!(search("Pieniądze").iter().any(|c| c.key == "money"));
        assert_eq!(suggest("Chcę sam gotować obiad"), Some("kitchen"));
        let eat = find("eat").unwrap();
        assert_eq!(name(eat, "pl-PL"), "jeść");
        assert_eq!(name(eat, "pl"), "jeść");
        assert_eq!(name(eat, "en-GB"), "eat");
        assert_eq!(name(eat, "cy"), "eat");
    }

    #[test]
    fn suggests_from_the_first_word_it_knows() {
        assert_eq!(suggest("Cook a meal each week"), Some("kitchen"));
        assert_eq!(suggest("Take my tablets at breakfast"), Some("medicine"));
        assert_eq!(suggest("Catch the bus to college on my own"), Some("bus"));
        assert_eq!(suggest("I feel worried at night"), Some("worried"));
        assert_eq!(suggest("Sing in a choir"), Some("music"));
        assert_eq!(suggest("Zzz qqq"), None);
    }
}
