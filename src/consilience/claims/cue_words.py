"""Words that introduce attributed content beyond the core reporting verbs (claims).

PolNeAR (Newell et al. 2018) credits a source not only with what it says but with what it wants,
believes, plans, judges or asks: "called for a ban", "wants to build a wall", "criticized the
deal", "polls show". These verbs take their content from whatever follows them (an object, a
clause, an infinitive, a prepositional phrase), so they are read by one generic rule.
"""

from __future__ import annotations

# Attitude, intention, evaluation and communication verbs whose right-hand complement is content.
# spaCy's small model lemmatizes "hoped" as "hop", so both are listed.
ATTITUDE_LEMMAS = frozenset({
    # asking and urging
    "ask", "call", "urge", "demand", "request", "plead", "implore", "encourage", "press",
    # wanting, planning, intending
    "want", "plan", "intend", "hope", "hop", "wish", "seek", "aim", "expect", "prefer", "refuse",
    "decline", "pledge", "vow", "promise", "threaten", "offer", "propose", "recommend", "advocate",
    # believing and knowing
    "believe", "think", "know", "feel", "fear", "worry", "doubt", "suspect", "wonder", "understand",
    "consider", "view", "deem", "regard", "see", "recognize", "remember", "recall", "learn", "realize",
    "assume", "conclude", "decide", "agree", "find",
    # judging
    "support", "back", "endorse", "favor", "oppose", "reject", "criticize", "criticise", "praise",
    "applaud", "defend", "attack", "blame", "condemn", "denounce", "decry", "dismiss", "slam", "blast",
    "mock", "question", "challenge", "thank", "congratulate", "embrace", "welcome", "tout", "boast",
    "bemoan", "lament", "apologize", "accuse", "charge", "describe", "portray", "dub", "label",
    # speaking about
    "mention", "discuss", "talk", "speak", "refer", "point", "highlight", "emphasize", "stress",
    "echo", "repeat", "reiterate", "comment", "joke", "remind", "imply", "suggest", "predict",
    "warn", "explain", "argue", "insist", "assure", "respond", "reply", "answer", "tweet", "post",
    "yell", "shout", "complain", "protest", "acknowledge", "concede", "reveal", "disclose",
    # appearances
    "seem", "appear",
    # expressing and evaluating, as PolNeAR's train split annotates them ("railed against", "likened")
    "express", "project", "list", "rail", "rule", "cheer", "document", "articulate", "recite",
    "assail", "balk", "reference", "hail", "interpret", "caution", "rebuff", "disavow", "liken", "downplay",
    "dispute", "unveil", "share", "compare", "ignore", "coin", "resist", "proclaim", "dwell", "shrug", "envision",
    "forecast", "publish", "focus",
    # more from PolNeAR's train split, each a cue in at least half of its occurrences there
    "order", "remark", "voice", "signal", "chant", "outline", "hint", "credit", "detail", "speculate",
    "rebut", "chide", "brag", "retweet", "retweete", "attribute",
})
# Verbs that credit a source only with a quotation they introduce: '"...," Gray continued.'
QUOTE_ONLY_LEMMAS = frozenset({"continue", "quip", "laugh", "recount"})
# Nouns that name a statement or stance and take its author as possessor: "Trump's claim that ...".
NOUN_CUE_LEMMAS = frozenset({
    "claim", "statement", "assertion", "allegation", "charge", "argument", "promise", "pledge", "warning",
    "belief", "view", "plan", "proposal", "demand", "call", "suggestion", "insistence", "contention",
    "admission", "acknowledgment", "acknowledgement", "accusation", "announcement", "comment", "remark",
    "prediction", "vow", "threat", "criticism", "concern", "fear", "hope", "position", "stance", "opposition",
    "support", "decision", "conclusion", "assessment", "estimate", "finding", "report", "testimony",
    "complaint", "denial", "request", "endorsement", "determination", "insinuation", "message", "assurance",
    "theory", "idea", "recommendation", "advice", "eagerness", "desire", "refusal", "intention", "goal",
})
# Particles and prepositions that belong to the cue, not the content: "called for", "pointed out".
CUE_PARTICLES = frozenset({"for", "on", "out", "about", "to", "up"})
