"""Words for the demo's commitments, women's themes, referral directory and concerns: what a
facilitator might write, never about a named person."""

from __future__ import annotations

COMMITMENT_WORDS = {
    "housework_care": ("I fetch the water on market days", "I cook on Sundays",
                       "I wash the children's uniforms", "I care for the baby at night"),
    "decisions_money": ("We decide together before I sell the crops",
                        "I show my wife what I earn", "We keep the school money together"),
    "communication_respect": ("I ask before I decide for the house", "I listen without shouting",
                              "We talk every evening about the day"),
    "non_violence": ("I walk away when I am angry and talk later", "I never raise my hand again",
                     "I count to ten and leave the room"),
    "partner_work_school": ("I support her trading at the market", "I pay her adult class fees",
                            "I mind the shop so she can go to class"),
    "community": ("I speak against beating at the barray", "I tell my friends what I learnt",
                  "I stand with the women's group at the chief's meeting"),
    "other": ("I stop drinking on pay day", "I bring my brother to the next group"),
}  # fmt: skip
NEXT_STEPS = (
    "Join the next group as a helper", "Speak at the chief's meeting about sharing the work",
    "Keep the water and cooking days with my wife", "Start a savings group with my wife",
)  # fmt: skip
THEME_WORDS = {
    "safety_at_home": ("Fewer quarrels at night", "Women feel safer to speak at home"),
    "sharing_work": ("Husbands fetch water now", "Men help with the children on market days"),
    "money_decisions": ("Husbands ask before selling crops", "Money for school is kept together"),
    "respect_communication": ("Husbands ask, not order", "Couples talk in the evening"),
    "violence_threats": ("Threats when money is short", "Some men still shout when drunk"),
    "changes_for_better": ("Husbands help more since the sessions", "More peace in the compound"),
    "other": ("Women ask for a second group", "Market days still hard"),
}
REFERRAL_SERVICES = (
    ("Family Support Unit (demo)", "police", "076 000 101", "Police station"),
    ("Rainbo Centre (demo)", "sexual_assault_centre", "076 000 202", "Government hospital"),
    ("District health office (demo)", "health", "076 000 303", "District headquarters"),
    ("Social welfare office (demo)", "social_welfare", "076 000 404", "District council"),
)
CONCERN_NOTES = ("Referred after the session; to call back", "Followed up by phone",
                 "Referral made with her consent", "")  # fmt: skip
