"""Verdicts on claim groups: corroborated, single-source, disputed."""

from __future__ import annotations


from consilience.model import Analysis, Article, Attribution, Claim, ClaimGroup, Mention, Story
from consilience.verdicts.judge import JudgeClaims, judge_group

REUTERS = Attribution("Reuters", "reported", "reuters", "wire")


def make_claim(cid: str, article: str, text: str, **fields) -> Claim:
    return Claim(id=cid, article_id=article, text=text, start=0, end=len(text), sentence=0, **fields)


def mention_of(claim: Claim, source: str) -> Mention:
    return Mention(article=claim.article_id, claim=claim.id, text=claim.text, start=claim.start, end=claim.end,
                   attribution=list(claim.attribution), source=source)


def judge(*claims_and_sources: tuple[Claim, str]) -> ClaimGroup:
    group = ClaimGroup(id="g-1", summary="s", mentions=[mention_of(c, s) for c, s in claims_and_sources])
    return judge_group(group, {c.id: c for c, _ in claims_and_sources})


def test_judge_two_independent_reports_corroborate():
    a = make_claim("a-c0", "a", "Rebels seized Hama on Thursday", actors=["rebels"], event_type="SEIZE")
    b = make_claim("b-c0", "b", "Opposition fighters captured the city", actors=["opposition fighters"],
                   event_type="SEIZE")
    group = judge((a, "BBC"), (b, "CNN"))
    assert group.verdict == "corroborated"
    assert group.independent_origins == 2
    assert group.conflicts == []
    assert group.lineage == [["BBC"], ["CNN"]]


def test_judge_one_report_is_single_source():
    a = make_claim("a-c0", "a", "Rebels seized Hama on Thursday", actors=["rebels"], event_type="SEIZE")
    group = judge((a, "BBC"))
    assert group.verdict == "single-source"
    assert group.independent_origins == 1


def test_judge_conflict_across_reports_is_disputed():
    a = make_claim("a-c0", "a", "Russian troops withdrew from Hama", actors=["Russian troops"], event_type="RETREAT")
    b = make_claim("b-c0", "b", "The Syrian army withdrew from Hama", actors=["the Syrian army"],
                   event_type="RETREAT")
    group = judge((a, "BBC"), (b, "CNN"))
    assert group.verdict == "disputed"
    assert [c.kind for c in group.conflicts] == ["actor"]
    conflict = group.conflicts[0]
    assert (conflict.a.claim, conflict.b.claim) == ("a-c0", "b-c0")
    assert conflict.values == ("Russian troops", "the Syrian army")


def test_judge_self_contradiction_inside_one_report_counts():
    a = make_claim("a-c0", "a", "Rebels seized Hama", actors=["rebels"], event_type="SEIZE")
    b = make_claim("a-c3", "a", "Rebels did not seize Hama", actors=["rebels"], event_type="SEIZE",
                   polarity="negative")
    group = judge((a, "BBC"), (b, "BBC"))
    assert group.verdict == "disputed"
    assert [c.kind for c in group.conflicts] == ["polarity"]


def test_judge_one_conflict_per_kind_and_pair_of_reports():
    a = make_claim("a-c0", "a", "Russian troops withdrew", actors=["Russian troops"], event_type="RETREAT")
    b1 = make_claim("b-c0", "b", "The Syrian army withdrew", actors=["the Syrian army"], event_type="RETREAT")
    b2 = make_claim("b-c5", "b", "Syrian soldiers withdrew", actors=["Syrian soldiers"], event_type="RETREAT")
    group = judge((a, "BBC"), (b1, "CNN"), (b2, "CNN"))
    assert len(group.conflicts) == 1
    assert group.verdict == "disputed"


def test_judge_lineage_is_deduplicated_and_origins_listed():
    a = make_claim("a-c0", "a", "Rebels entered Hama", attribution=[REUTERS])
    b = make_claim("b-c0", "b", "Fighters took the city of Hama", attribution=[REUTERS])
    c = make_claim("c-c0", "c", "Hama is under opposition control now", attribution=[REUTERS])
    group = judge((a, "BBC"), (b, "BBC"), (c, "CNN"))
    assert group.lineage == [["BBC", "Reuters"], ["CNN", "Reuters"]]
    assert group.origins == ["Reuters"]
    assert group.independent_origins == 1


def test_judge_rejudging_replaces_earlier_results():
    a = make_claim("a-c0", "a", "Rebels seized Hama on Thursday", actors=["rebels"], event_type="SEIZE")
    group = ClaimGroup(id="g", summary="s", mentions=[mention_of(a, "BBC")], verdict="disputed",
                       lineage=[["old"]], independent_origins=9)
    judge_group(group, {a.id: a})
    assert (group.verdict, group.lineage, group.independent_origins) == ("single-source", [["BBC"]], 1)


def test_judge_two_reports_of_one_wire_are_corroborated_by_one_origin():
    # Design: the verdict counts reports (issue #2: "two or more reports agree"); independence
    # is reported beside it, so a reader sees "corroborated, 1 independent origin".
    a = make_claim("a-c0", "a", "Rebels entered Hama", actors=["rebels"], event_type="SEIZE", attribution=[REUTERS])
    b = make_claim("b-c0", "b", "Fighters took the city of Hama", actors=["fighters"], event_type="SEIZE",
                   attribution=[REUTERS])
    group = judge((a, "BBC"), (b, "CNN"))
    assert group.independent_origins == 1
    assert group.verdict == "corroborated"


def test_judge_stage_sets_every_group():
    a = make_claim("a-c0", "a", "Rebels seized Hama on Thursday", actors=["rebels"], event_type="SEIZE")
    b = make_claim("b-c0", "b", "Opposition fighters captured the city", actors=["opposition fighters"],
                   event_type="SEIZE")
    analysis = Analysis(articles=[Article(id="a", text=a.text, source="BBC", claims=[a]),
                                  Article(id="b", text=b.text, source="CNN", claims=[b])])
    group = ClaimGroup(id="g", summary="s", mentions=[mention_of(a, "BBC"), mention_of(b, "CNN")])
    lone = ClaimGroup(id="h", summary="s", mentions=[mention_of(b, "CNN")], verdict="disputed")
    analysis.stories = [Story(id="s", title="t", articles=["a", "b"], claims=[group, lone])]
    JudgeClaims()(analysis)
    assert [g.verdict for g in analysis.stories[0].claims] == ["corroborated", "single-source"]


def test_judge_one_odd_sentence_conflicts_with_each_other_report():
    # One report's odd version against two reports that agree: a disagreement with each of them,
    # so both pairs of reports are shown as disputed.
    a = make_claim("a-c0", "a", "Russian troops withdrew", actors=["Russian troops"], event_type="RETREAT")
    b = make_claim("b-c0", "b", "The Syrian army withdrew", actors=["the Syrian army"], event_type="RETREAT")
    c = make_claim("c-c0", "c", "Syrian soldiers withdrew", actors=["Syrian soldiers"], event_type="RETREAT")
    group = judge((a, "BBC"), (b, "CNN"), (c, "DW"))
    assert group.verdict == "disputed"
    assert sorted((x.a.claim, x.b.claim) for x in group.conflicts) == [("a-c0", "b-c0"), ("a-c0", "c-c0")]
