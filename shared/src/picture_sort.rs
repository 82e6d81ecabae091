//! Picture sorting, to gather the views of a person who cannot answer open questions (in the
//! style of the Talking Mats method): staff choose a topic (a goal, the support the person
//! gets, their home) and picture cards about it; the person puts each card on "Good", "Not
//! sure" or "Not good". The result is kept, dated, as the person's view, shown in the review's
//! Part 1, and sorted again at the next review to show what changed.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

crate::keyed_enum! {
    /// Where the person put a card.
    pub enum Placement {
        Good = "good",
        NotSure = "not_sure",
        NotGood = "not_good",
    }
}

crate::keyed_enum! {
    /// What the cards are about.
    pub enum SortTopic {
        /// One of the person's goals (`goal_id`).
        Goal = "goal",
        /// The support they get.
        Support = "support",
        /// Their home.
        Home = "home",
    }
}

impl Placement {
    /// The place in words, for documents.
    pub fn label(self) -> &'static str {
        match self {
            Self::Good => "Good",
            Self::NotSure => "Not sure",
            Self::NotGood => "Not good",
        }
    }

    /// The picture that shows the place.
    pub fn picture(self) -> &'static str {
        match self {
            Self::Good => "happy",
            Self::NotSure => "worried",
            Self::NotGood => "sad",
        }
    }
}

/// How many cards one sort may have: enough to compare, few enough to finish.
pub const CARDS: std::ops::RangeInclusive<usize> = 2..=12;
/// The longest words on a card, in characters.
pub const LABEL_MAX: usize = 80;

/// One card as the person placed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SortCard {
    /// A picture of the vocabulary (`shared::pictures`).
    pub picture: String,
    /// What the card means, in a few words ("My bedroom").
    pub label: String,
    pub placed: Placement,
}

/// `POST /api/v1/persons/{id}/picture-sorts`: a finished sort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PictureSortInput {
    pub topic: SortTopic,
    /// The goal, when the topic is one.
    #[serde(default)]
    pub goal_id: Option<String>,
    /// The review whose Part 1 it is for, while that Part 1 is under way.
    #[serde(default)]
    pub review_id: Option<String>,
    pub cards: Vec<SortCard>,
}

impl PictureSortInput {
    /// The first thing wrong with it, as `(field, message)`.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        if (self.topic == SortTopic::Goal) != self.goal_id.is_some() {
            return Some((
                "goal_id",
                "Say which goal the pictures are about, and only for a goal.".to_owned(),
            ));
        }
        if !CARDS.contains(&self.cards.len()) {
            return Some((
                "cards",
                format!(
                    "Sort between {} and {} pictures.",
                    CARDS.start(),
                    CARDS.end()
                ),
            ));
        }
        for card in &self.cards {
            if crate::pictures::find(&card.picture).is_none() {
                return Some((
                    "cards",
                    format!("\"{}\" is not one of the pictures.", card.picture),
                ));
            }
            let label = card.label.trim();
            if label.is_empty() || label.chars().count() > LABEL_MAX {
                return Some((
                    "cards",
                    format!("Give every card a few words, at most {LABEL_MAX} characters."),
                ));
            }
        }
        None
    }
}

/// A sort as kept (`GET /api/v1/persons/{id}/picture-sorts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PictureSort {
    pub id: String,
    pub topic: SortTopic,
    pub goal_id: Option<String>,
    /// The topic in words, as it was when sorted ("My home", or the goal).
    pub topic_words: String,
    pub review_id: Option<String>,
    pub cards: Vec<SortCard>,
    /// Who was with the person (or the person themselves).
    pub sorted_by: String,
    pub sorted_at: NaiveDateTime,
}

impl PictureSort {
    /// The labels of the cards placed in `place`.
    pub fn placed(&self, place: Placement) -> Vec<&str> {
        self.cards
            .iter()
            .filter(|c| c.placed == place)
            .map(|c| c.label.as_str())
            .collect()
    }

    /// Whether `other` is about the same thing (to show what changed since).
    pub fn same_topic(&self, other: &Self) -> bool {
        self.topic == other.topic && self.goal_id == other.goal_id
    }
}

/// The topic's words as kept with a sort.
pub fn topic_words(topic: SortTopic, goal: Option<&str>) -> String {
    match topic {
        SortTopic::Home => "My home".to_owned(),
        SortTopic::Support => "The support I get".to_owned(),
        SortTopic::Goal => goal.unwrap_or("My goal").to_owned(),
    }
}

/// Cards to start from for a topic; staff add and take away before the person sorts.
pub fn starting_cards(topic: SortTopic) -> &'static [(&'static str, &'static str)] {
    match topic {
        SortTopic::Home => &[
            ("bed", "My bedroom"),
            ("kitchen", "The kitchen"),
            ("garden", "The garden"),
            ("people", "The people I live with"),
            ("neighbour", "My neighbours"),
            ("noise", "Noise"),
            ("quiet", "Quiet time"),
        ],
        SortTopic::Support => &[
            ("meet", "Meeting my key worker"),
            ("medicine", "Help with my medicine"),
            ("money", "Help with money"),
            ("shop", "Going shopping"),
            ("walk", "Going out"),
            ("talk", "Someone to talk to"),
        ],
        SortTopic::Goal => &[
            ("happy", "How it is going"),
            ("people", "The people who help me"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(picture: &str, label: &str) -> SortCard {
        SortCard {
            picture: picture.to_owned(),
            label: label.to_owned(),
            placed: Placement::Good,
        }
    }

    fn home(cards: Vec<SortCard>) -> PictureSortInput {
        PictureSortInput {
            topic: SortTopic::Home,
            goal_id: None,
            review_id: None,
            cards,
        }
    }

    #[test]
    fn a_sort_has_a_few_known_pictures_with_words() {
        let two = vec![card("bed", "My bedroom"), card("garden", "The garden")];
        assert_eq!(home(two.clone()).problem(), None);
        let field = |input: PictureSortInput| input.problem().map(|p| p.0);
        assert_eq!(field(home(two[..1].to_vec())), Some("cards"));
        assert_eq!(field(home(vec![card("bed", "x"); 13])), Some("cards"));
        assert_eq!(
            field(home(vec![card("bed", "x"), card("no-such", "y")])),
            Some("cards")
        );
        assert_eq!(
            field(home(vec![card("bed", " "), card("garden", "y")])),
            Some("cards")
        );
        let mut goal = home(two);
        goal.topic = SortTopic::Goal;
        assert_eq!(field(goal.clone()), Some("goal_id"));
        goal.goal_id = Some("g".to_owned());
        assert_eq!(field(goal), None);
    }

    #[test]
    fn every_starting_card_and_place_has_a_picture() {
        for topic in [SortTopic::Home, SortTopic::Support, SortTopic::Goal] {
            for (picture, label) in starting_cards(topic) {
                assert!(crate::pictures::find(picture).is_some(), "{picture}");
                assert!(label.chars().count() <= LABEL_MAX);
            }
        }
        for place in Placement::ALL.iter().copied() {
            assert!(crate::pictures::find(place.picture()).is_some());
        }
    }
}
