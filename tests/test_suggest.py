"""Did-you-mean: the closest known name, or nothing when none is close."""

from checker.suggest import closest, did_you_mean


def test_the_closest_name_or_none():
    ids = ["part.leader-duty", "part.measures", "data.review"]
    assert closest("part.leader-dutty", ids) == "part.leader-duty"
    assert did_you_mean("data.revew", ids) == "，是不是 data.review？"
    assert closest("zzz", ids) is None and did_you_mean("zzz", ids) == ""
