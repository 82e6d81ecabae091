//! The words of the fictional demo plan. Every name and detail is invented.

/// What staff wrote and what the person reads: the same point in the third person, then in
/// the person's own voice (easy read).
pub type Said = (&'static str, &'static str);

/// What was found under one needs heading, with a picture for each point.
pub struct Findings {
    pub strength: Said,
    pub need: Said,
    pub preference: Said,
    /// The strength's, the need's and the preference's pictures.
    pub pictures: [&'static str; 3],
}

/// Per needs heading, in default order.
pub const FINDINGS: [Findings; 14] = [
    Findings {
        strength: (
            "Walks to the park most days and enjoys it",
            "I walk to the park most days. I like it.",
        ),
        need: (
            "Needs a yearly health check and support to book it",
            "I need a health check every year. I need help to book it.",
        ),
        preference: (
            "Likes to see the same doctor, Dr Hughes",
            "I like to see my own doctor, Dr Hughes.",
        ),
        pictures: ["walk", "doctor", "health-worker"],
    },
    Findings {
        strength: (
            "Knows which tablets are for what",
            "I know what my tablets are for.",
        ),
        need: (
            "Needs reminders to take evening tablets on time",
            "I need a reminder to take my evening tablets.",
        ),
        preference: (
            "Wants a pill box with pictures, not an app",
            "I want a pill box with pictures. I do not want an app.",
        ),
        pictures: ["medicine", "time", "pharmacy"],
    },
    Findings {
        strength: (
            "Showers and dresses without help",
            "I shower and get dressed by myself.",
        ),
        need: (
            "Needs a prompt to change bedding each week",
            "I need a reminder to change my bed each week.",
        ),
        preference: (
            "Prefers to shower in the morning",
            "I like to shower in the morning.",
        ),
        pictures: ["clothes", "bed", "wash"],
    },
    Findings {
        strength: (
            "Makes sandwiches and hot drinks safely",
            "I can make sandwiches and hot drinks.",
        ),
        need: (
            "Needs support to cook hot meals on the hob",
            "I need help to cook hot food on the hob.",
        ),
        preference: (
            "Loves pasta and curry; dislikes mushrooms",
            "I love pasta and curry. I do not like mushrooms.",
        ),
        pictures: ["sandwich", "pot", "pasta"],
    },
    Findings {
        strength: (
            "Talks clearly with people they know",
            "I talk well with people I know.",
        ),
        need: (
            "Needs time to answer and short questions",
            "Please ask me short questions. Give me time to answer.",
        ),
        preference: (
            "Likes easy read with pictures for letters",
            "I like letters in easy read with pictures.",
        ),
        pictures: ["talk", "question", "envelope"],
    },
    Findings {
        strength: (
            "Walks well and can use stairs",
            "I walk well. I can use stairs.",
        ),
        need: (
            "Needs support to learn new bus routes",
            "I need help to learn new bus routes.",
        ),
        preference: (
            "Prefers the bus to taxis",
            "I like the bus more than taxis.",
        ),
        pictures: ["stairs", "map", "bus"],
    },
    Findings {
        strength: ("Keeps the bedroom tidy", "I keep my bedroom tidy."),
        need: (
            "Needs a weekly planner to remember tasks",
            "I need a planner for the week. It helps me remember my jobs.",
        ),
        preference: (
            "Likes a picture planner on the fridge",
            "I like a picture planner on my fridge.",
        ),
        pictures: ["clean", "calendar", "plan"],
    },
    Findings {
        strength: (
            "Counts coins and notes correctly",
            "I can count coins and notes.",
        ),
        need: (
            "Needs support to budget for the week",
            "I need help to plan my money for the week.",
        ),
        preference: (
            "Wants to keep a purse, not use a card yet",
            "I want to keep a purse. I do not want a card yet.",
        ),
        pictures: ["coin", "money", "wallet"],
    },
    Findings {
        strength: (
            "Feels at home in the shared flat",
            "I feel at home in my flat.",
        ),
        need: (
            "Needs support to speak to the landlord about repairs",
            "I need help to talk to my landlord about repairs.",
        ),
        preference: (
            "Wants to stay living in Riverside",
            "I want to keep living in Riverside.",
        ),
        pictures: ["home", "rent", "town"],
    },
    Findings {
        strength: (
            "Finished a catering course at college",
            "I finished a cooking course at college.",
        ),
        need: (
            "Needs support to apply for jobs",
            "I need help to apply for jobs.",
        ),
        preference: (
            "Wants to work in a café, mornings only",
            "I want to work in a café in the mornings.",
        ),
        pictures: ["graduate", "write", "cafe"],
    },
    Findings {
        strength: (
            "Close to their sister and friends from college",
            "I am close to my sister and my college friends.",
        ),
        need: (
            "Needs support to keep in touch by phone",
            "I need help to phone my family and friends.",
        ),
        preference: (
            "Wants to see their sister every Sunday",
            "I want to see my sister every Sunday.",
        ),
        pictures: ["sister", "phone", "hug"],
    },
    Findings {
        strength: (
            "Goes to the Thursday club and knows everyone",
            "I go to the Thursday club. I know everyone there.",
        ),
        need: (
            "Needs support to try new groups",
            "I need help to try new groups.",
        ),
        preference: ("Likes music and bowling", "I like music and bowling."),
        pictures: ["friends", "people", "bowling"],
    },
    Findings {
        strength: (
            "Celebrates Diwali and Christmas with family",
            "I have Diwali and Christmas with my family.",
        ),
        need: (
            "Needs vegetarian food at family events",
            "I need vegetarian food at family parties.",
        ),
        preference: (
            "Wants to go to the temple at festivals",
            "I want to go to the temple at festivals.",
        ),
        pictures: ["christmas", "salad", "temple"],
    },
    Findings {
        strength: (
            "Knows not to open the door to strangers",
            "I do not open the door to people I do not know.",
        ),
        need: (
            "Needs support to spot scams on the phone",
            "I need help to spot tricks on the phone.",
        ),
        preference: (
            "Wants to carry a card with their sister's number",
            "I want a card with my sister's phone number.",
        ),
        pictures: ["door", "danger", "id-card"],
    },
];

/// One goal of the demo plan.
pub struct GoalContent {
    pub term: &'static str,
    pub text: &'static str,
    /// The goal in the person's voice, in easy read.
    pub easy_read: &'static str,
    pub own_words: &'static str,
    pub picture: &'static str,
    pub measure: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub months_to_due: u64,
    /// The needs heading (index into [`FINDINGS`]) whose need the goal addresses.
    pub need: usize,
}

pub const GOALS: [GoalContent; 6] = [
    GoalContent {
        term: "short",
        text: "Catch the 42 bus to college on my own",
        easy_read: "I will catch the 42 bus to college by myself.",
        own_words: "I want to go to college by myself",
        picture: "bus",
        measure: "Trips made alone each week",
        baseline: "0 trips a week",
        target: "4 trips a week for 4 weeks running",
        months_to_due: 4,
        need: 5,
    },
    GoalContent {
        term: "short",
        text: "Cook a hot meal twice a week",
        easy_read: "I will cook a hot meal 2 times a week.",
        own_words: "I want to make my own curry",
        picture: "kitchen",
        measure: "Hot meals cooked each week",
        baseline: "0 a week",
        target: "2 a week for 6 weeks",
        months_to_due: 3,
        need: 3,
    },
    GoalContent {
        term: "long",
        text: "Get a paid job in a café",
        easy_read: "I will get a paid job in a café.",
        own_words: "I want a job making coffee",
        picture: "work",
        measure: "Steps done: CV, applications, interviews, job",
        baseline: "No CV yet",
        target: "A paid job of at least 8 hours a week",
        months_to_due: 12,
        need: 9,
    },
    GoalContent {
        term: "short",
        text: "Take my evening tablets at the right time every day",
        easy_read: "I will take my evening tablets on time every day.",
        own_words: "I want to remember my tablets myself",
        picture: "medicine",
        measure: "Days each week tablets taken on time without a prompt",
        baseline: "3 days a week",
        target: "7 days a week for a month",
        months_to_due: 3,
        need: 1,
    },
    GoalContent {
        term: "long",
        text: "Manage my own money for food shopping",
        easy_read: "I will look after my own money for food shopping.",
        own_words: "I want to do my own shopping money",
        picture: "money",
        measure: "Weeks the shopping budget is kept to",
        baseline: "0 of 4 weeks",
        target: "4 of 4 weeks, 3 months running",
        months_to_due: 9,
        need: 7,
    },
    GoalContent {
        term: "short",
        text: "See my friends at the Thursday club every week",
        easy_read: "I will see my friends at the Thursday club every week.",
        own_words: "I want to see my friends every week",
        picture: "friends",
        measure: "Thursday club visits each month",
        baseline: "2 a month",
        target: "4 a month",
        months_to_due: 3,
        need: 11,
    },
];

/// One way a goal is supported, as staff wrote it and as the person reads it.
pub struct StrategyContent {
    /// The goal it supports (index into [`GOALS`]).
    pub goal: usize,
    pub text: Said,
    pub responsible: &'static str,
    pub who: &'static str,
    pub often: &'static str,
    pub resources: &'static str,
    /// Why it is the least intrusive way.
    pub reason: &'static str,
}

/// Two per goal.
pub const STRATEGIES: [StrategyContent; 12] = [
    StrategyContent {
        goal: 0,
        text: (
            "Travel training on the 42 route with Jordan",
            "Jordan helps me learn the 42 bus route.",
        ),
        responsible: "staff",
        who: "Jordan Bell (key worker)",
        often: "Tuesdays and Thursdays, 8:30",
        resources: "Bus pass; route card with pictures",
        reason: "Jordan steps back a little each week until Alex travels alone",
    },
    StrategyContent {
        goal: 0,
        text: (
            "Carry a route card and a family phone number",
            "I carry my route card and a family phone number.",
        ),
        responsible: "person",
        who: "Alex",
        often: "Every trip",
        resources: "Laminated route card",
        reason: "Alex stays independent and only calls if needed",
    },
    StrategyContent {
        goal: 1,
        text: (
            "Cook together from a picture recipe book",
            "Jordan and I cook from a picture recipe book.",
        ),
        responsible: "staff",
        who: "Jordan Bell (key worker)",
        often: "Mondays and Wednesdays, 5pm",
        resources: "Picture recipe book; hob guard",
        reason: "Alex does each step; staff only show how",
    },
    StrategyContent {
        goal: 1,
        text: (
            "Plan the week's meals on the fridge planner",
            "I plan my meals for the week on the fridge planner.",
        ),
        responsible: "person",
        who: "Alex",
        often: "Every Sunday",
        resources: "Fridge planner",
        reason: "Alex chooses the meals",
    },
    StrategyContent {
        goal: 2,
        text: (
            "Write a CV with the Riverside job coach",
            "The job coach helps me write my CV.",
        ),
        responsible: "other_agency",
        who: "Riverside Works job coach",
        often: "Fortnightly, Fridays",
        resources: "Laptop at the library",
        reason: "Uses a free community service before paid support",
    },
    StrategyContent {
        goal: 2,
        text: (
            "Work trial at the Corner Café",
            "I try out working at the Corner Café.",
        ),
        responsible: "other_agency",
        who: "Corner Café manager",
        often: "Two mornings a week for 6 weeks",
        resources: "Apron; travel money",
        reason: "A real workplace with a mentor, not a special scheme",
    },
    StrategyContent {
        goal: 3,
        text: (
            "Picture pill box filled each Sunday",
            "I fill my picture pill box every Sunday.",
        ),
        responsible: "person",
        who: "Alex with Jordan checking",
        often: "Weekly",
        resources: "Pill box with pictures",
        reason: "Alex takes the tablets; staff only check the box",
    },
    StrategyContent {
        goal: 3,
        text: (
            "Phone alarm at 8pm with a tablet picture",
            "My phone rings at 8pm to remind me about my tablets.",
        ),
        responsible: "person",
        who: "Alex",
        often: "Every evening",
        resources: "Alex's own phone",
        reason: "No staff visit needed",
    },
    StrategyContent {
        goal: 4,
        text: (
            "Weekly budget in envelopes with Jordan",
            "Jordan helps me put my money for the week in envelopes.",
        ),
        responsible: "staff",
        who: "Jordan Bell (key worker)",
        often: "Fridays after payday",
        resources: "Envelopes; picture price list",
        reason: "Alex handles the money; Jordan helps plan",
    },
    StrategyContent {
        goal: 4,
        text: (
            "Shopping trip with a picture list",
            "I go shopping with a picture list.",
        ),
        responsible: "person",
        who: "Alex",
        often: "Saturdays",
        resources: "Picture shopping list",
        reason: "Alex shops alone with the list",
    },
    StrategyContent {
        goal: 5,
        text: (
            "Lift share to Thursday club with a friend",
            "A friend gives me a lift to the Thursday club.",
        ),
        responsible: "family",
        who: "Morgan Rivers (sister) arranges",
        often: "Thursdays, 6pm",
        resources: "Lift share",
        reason: "A friend's lift instead of paid transport",
    },
    StrategyContent {
        goal: 5,
        text: (
            "Put club dates in the picture calendar",
            "I put my club dates on my picture calendar.",
        ),
        responsible: "person",
        who: "Alex",
        often: "First of each month",
        resources: "Picture calendar",
        reason: "Alex remembers without reminders",
    },
];
