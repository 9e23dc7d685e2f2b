"""The words the factuality rules read: auxiliaries, governing verbs, nouns and modifiers.

Each set says in its comment which construction it marks; :mod:`bilat.events.factuality`
applies them to a trigger's clause.
"""

from __future__ import annotations

FUTURE = {"will", "shall", "'ll", "wo"}
MODAL = {"could", "may", "might", "would", "should", "can", "must", "ought"}
INTENT = {
    "expect",
    "plan",
    "schedule",
    "set",
    "intend",
    "hope",
    "seek",
    "want",
    "aim",
    "prepare",
    "propose",
    "due",
    "likely",
    "scheduled",
    "going",
    "wish",
    "try",
    "mull",
    "consider",
    # promises and resolve: "committed China to sign", "are determined to improve ties"
    "commit",
    "committed",
    "pledge",
    "promise",
    "vow",
    "determined",
    "resolve",
    # an obligation: "were supposed to stop firing"
    "supposed",
}
DENIAL = {
    "deny",
    "refuse",
    "reject",
    "decline",
    "fail",
    "postpone",
    "cancel",
    "delay",
    "scrap",
    # stopping something also means it is not happening now: "froze the talks"
    "freeze",
    "suspend",
    "halt",
    "boycott",
    "abandon",
    "stall",
    # ending a measure: "lifted its sanctions on Venezuela" reports no new sanctions
    "lift",
    "ease",
    "waive",
    "relax",
    "rescind",
    "revoke",
    # "stopped allowing inspections", "ceased firing": the deed no longer happens
    "stop",
    "cease",
}
# verbs whose subject took place and came to nothing: "the talks failed to reach a deal" were
# held ("the talks were postponed" were not)
CAME_TO_NOTHING = {"fail"}
# verbs whose object is a deed held over another side: "threatened new sanctions on Iran"
THREAT_VERBS = {"threaten", "warn"}
# nouns of ending a measure: "the lifting of sanctions on Iran", "relief from the blockade"
# ("the end of the summit" is not one: a meeting that ends took place)
ENDING_NOUNS = {"lifting", "easing", "removal", "relief", "waiver", "repeal"}
# verbs that deny the clause they govern: "denied (that) its jets had struck the camp" did not
# report a strike
DENIED_CLAUSE = {"deny", "refute"}
# verbs whose clause says what one side wants another to do: "demanded Syria cooperate"
DEMANDS = {
    "demand",
    "urge",
    "insist",
    "ask",
    "request",
    "press",
    "want",
    "wish",
    "hope",
    # what one side suggests the sides do is a proposal: "suggested the two sides hold talks"
    "suggest",
    "recommend",
}
# nouns of pressing another side to act: "pressure to cut ties", "a demand to withdraw"
DEMAND_NOUNS = {"pressure", "demand", "request", "appeal", "push", "ultimatum"}
# nouns whose that-clause says what one side wants another to do: "the demand that Kabul
# expel the envoy", "calls that Israel withdraw" (the clause is no deed of its subject)
DEMAND_CLAUSE_NOUNS = DEMAND_NOUNS | {
    "call",
    "insistence",
    "condition",
    "precondition",
    "plea",
    "requirement",
    "proposal",
    "suggestion",
}
# nouns of intent or proposal a to-infinitive or participle hangs from: "readiness to
# cooperate", "keenness to mediate", "a coalition to fight", "a vote imposing sanctions"
INTENT_NOUNS = {
    "readiness",
    "willingness",
    "keenness",
    "eagerness",
    "desire",
    "wish",
    "intention",
    "intent",
    "plan",
    "proposal",
    "offer",
    "bid",
    "effort",
    "attempt",
    "move",
    "call",
    "coalition",
    "vote",
    "resolution",
    "draft",
    "motion",
    "bill",
    "threat",
    "determination",
    "commitment",
    "pledge",
    "promise",
    "decision",
    "agreement",
    "deal",
    "mission",
    "way",
    "chance",
    "opportunity",
    "need",
    "right",
}
# nouns a nominal trigger is the prospect of: "paved the way for talks", "openness to dialogue",
# "the prospect of a visit", "calls for negotiations"
PROSPECT_NOUNS = INTENT_NOUNS | {
    "openness",
    "path",
    "road",
    "prospect",
    "hope",
    "appetite",
    "preparation",
    "groundwork",
    "stage",
    "condition",
    "precondition",
    "push",
    "demand",
    "request",
    "invitation",
    "preparedness",
}
PROSPECT_PREPOSITIONS = {"for", "to", "toward", "towards", "of"}
# nouns of not doing it: "its failure to cooperate", "the refusal to meet"
FAILURE_NOUNS = {"failure", "refusal", "reluctance", "unwillingness", "inability"}
# adverbs of a deed that did not quite happen: "had almost reached an agreement"
NEAR_MISS = {"almost", "nearly"}
# verbs whose "for" object is pressed for, not done: "called for a withdrawal"
PRESS_FOR = {"call", "press", "push", "appeal", "ask", "lobby", "campaign", "clamour", "clamor"}
# nouns whose relative clause in the present tense is still to come: "by the time he meets"
TIME_NOUNS = {"time", "day", "moment", "point"}
# stances a relative clause in the present tense describes, not reports: "Erbakan, who opposes
# close ties with Israel", "Hamas, which rejects the accords"
STANCE_ROOTS = {"05", "10", "11", "12"}
# words of a view for or against a deed named as a noun
STANCE_HEADS = {"favour", "favor", "advocate", "oppose", "opposed", "averse"}
# nouns of being able to act: "Hezbollah's ability to fight Israel" is no fight, nor a plan
ABILITY_NOUNS = {"ability", "capability", "capacity", "means", "power"}
# nouns of an exhortation: "now is the time for Taiwan to open its market" urges, not reports
EXHORTATION_NOUNS = {"time", "moment"}
# nouns that forbid what follows "on": "a ban on direct negotiations" means no negotiations
BAN_NOUNS = {"ban", "moratorium", "embargo", "prohibition", "veto"}
# phrasal verbs of postponing or stopping: "put off the talks", "called off the visit"
DENIAL_PHRASAL = {("put", "off"), ("call", "off"), ("break", "off"), ("push", "back")}
# modifiers of a nominal trigger: "the upcoming visit", "a possible meeting"
PLANNED_MODIFIERS = {
    "upcoming",
    "planned",
    "expected",
    "forthcoming",
    "scheduled",
    "proposed",
    "future",
    "next",
    "impending",
    "coming",
    "prospective",
    "anticipated",
}
POSSIBLE_MODIFIERS = {"possible", "potential", "hypothetical", "likely", "mooted"}
PLANNED_PREPOSITIONS = {"ahead", "before", "prior"}
PAST_PREPOSITIONS = {"after", "since", "following"}
# subordinators after which a present tense means the future: "before he leaves", "when he
# visits Beijing"
FUTURE_MARKS = {"before", "until", "till", "when", "once"}
TOPIC_VERBS = {
    "discuss",
    "debate",
    "explore",
    "examine",
    "review",
    "study",
    "hash",
    "weigh",
    "talk",
}
"""Verbs whose gerund object is what was talked about ("discussed expanding trade"), not a deed."""
HABITUAL = {"often", "usually", "regularly", "frequently", "routinely", "generally", "normally"}
# material conflict (protest, force posture, sanctions, coercion, assault, force): another side's
# "X will invade" predicts or accuses; it does not report X's plan
FORETOLD_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
# verbs that report or commit: "vowed it would defy", "said they would meet" tell of a plan
COMMITMENT_VERBS = {"vow", "pledge", "promise", "warn", "threaten", "confirm", "declare"}
# verbs whose passive says an event is arranged: "a meeting is planned for Tuesday"
ARRANGED_VERBS = {"plan", "schedule", "expect", "set", "slate", "arrange"}
# verbs of gathering whose purpose clause tells what the gathering did: "gathered to discuss"
GATHERING_VERBS = {"gather", "convene", "assemble"}
# prepositions of a goal not yet reached: "would move towards cutting off supplies"
GOAL_PREPOSITIONS = {"towards", "toward"}
HEDGES = {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"}
NEGATORS = {"not", "n't", "never", "no"}
