"""kg.diagrams.stance: an actor's stance towards others over time, one row per party, coloured by stance."""
from __future__ import annotations

from matplotlib.colors import to_hex

from kg.diagrams.stance import MAX_ROWS, STANCE_COLOURS, StancePoint, stance_figure


def marks(fig) -> list:
    return [line for line in fig.axes[0].get_lines() if line.get_gid()]


def test_one_row_per_party_most_claims_first_and_a_mark_per_claim():
    points = [StancePoint("2020-01-01", "Syria", "supportive", False, "supports"),
              StancePoint("2020-06-01", "Syria", "hostile", False, "opposes"),
              StancePoint("2020-03-01", "Iran", "hostile", True, "fights")]
    fig = stance_figure(points, "stance of Iraq")
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["Iran", "Syria"]  # drawn bottom up: the party with most claims on top
    colours = {m.get_gid(): to_hex(m.get_color()) for m in marks(fig)}
    assert colours == {"supports Syria": STANCE_COLOURS["supportive"], "opposes Syria": STANCE_COLOURS["hostile"],
                       "fights Iran": STANCE_COLOURS["hostile"]}
    hollow = [m.get_gid() for m in marks(fig) if m.get_markerfacecolor() == "white"]
    assert hollow == ["fights Iran"]


def test_undated_claims_are_counted_in_the_title_not_drawn():
    fig = stance_figure([StancePoint("", "Syria", "other", False, "meets")], "stance of Iraq")
    assert "1 undated claims not shown" in fig.axes[0].get_title(loc="left") and not marks(fig)


def test_at_most_max_rows_parties():
    points = [StancePoint("2020-01-01", f"party {i}", "other", False, "meets") for i in range(MAX_ROWS + 5)]
    assert len(stance_figure(points, "t").axes[0].get_yticklabels()) == MAX_ROWS
