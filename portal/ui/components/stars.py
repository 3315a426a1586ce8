"""Stars and scores, shared by the rating screens: a row of stars (with words for screen
readers), an organizer's score with its count, the distribution of ratings, and the 1-5 picker
(a radio group with a label per choice)."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from portal.i18n import N_
from portal.services.rating_views import OrganizerScore
from portal.ui.i18n import t

# What each number of stars means, for the picker's labels.
STAR_WORDS = ((5, N_("Excellent")), (4, N_("Good")), (3, N_("Fair")), (2, N_("Poor")),
              (1, N_("Very poor")))


def stars_line(stars: int) -> str:
    """Five characters: "★★★★☆" for 4."""
    count = max(0, min(5, int(stars)))
    return "★" * count + "☆" * (5 - count)


def score_row(score: OrganizerScore) -> dict[str, str]:
    """A score as the pages hold it: "" for no ratings yet."""
    return {"score": score.shown, "count": str(score.count),
            "stars": stars_line(round(score.score)) if score.score is not None else "",
            **{f"n{stars}": str(n) for stars, n in score.distribution.items()},
            **{f"pct{stars}": f"{round(100 * n / score.count) if score.count else 0}%"
               for stars, n in score.distribution.items()}}


def stars(line: Var, stars_count: Var) -> rx.Component:
    """A row of stars from `stars_line`, read out as "4 of 5 stars"."""
    return rx.text(line, as_="span", class_name="stars", color=rx.color("amber", 10),
                   role="img", aria_label=t("{n} of 5 stars", n=stars_count))


def score_summary(row: Var, *, size: str = "3") -> rx.Component:
    """"★★★★☆ 4.2 · 12 ratings", or "No ratings yet"."""
    return rx.cond(
        row["score"].to(str) != "",
        rx.hstack(
            rx.text(row["stars"], as_="span", color=rx.color("amber", 10), aria_hidden="true",
                    size=size),
            rx.text(row["score"], weight="bold", size=size, class_name="tabular rating-score"),
            rx.text(t("· {n} ratings", n=row["count"]), size="2", color_scheme="gray",
                    class_name="rating-count"),
            spacing="2", align="center", wrap="wrap",
            aria_label=t("Rated {score} of 5 from {n} ratings", score=row["score"],
                         n=row["count"])),
        rx.text(t("No ratings yet"), size="2", color_scheme="gray", class_name="rating-none"),
    )


def distribution(row: Var) -> rx.Component:
    """A bar per number of stars, most stars first."""
    return rx.vstack(
        *[rx.hstack(
            rx.text(f"{n} ★", size="2", width="3em", class_name="tabular"),
            rx.box(rx.box(width=row[f"pct{n}"], height="100%",
                          background=rx.color("amber", 9), border_radius="4px"),
                   flex="1", height="10px", background=rx.color("gray", 4),
                   border_radius="4px", aria_hidden="true"),
            rx.text(row[f"n{n}"], size="2", width="3em", text_align="right",
                    class_name="tabular"),
            align="center", spacing="2", width="100%") for n in (5, 4, 3, 2, 1)],
        spacing="1", width="100%", max_width="420px", class_name="rating-distribution")


def star_picker(value: Var, on_change, error: Var) -> rx.Component:  # noqa: ANN001
    """Choose 1 to 5 stars: a labelled radio group (arrow keys move, each choice is read out)."""
    return rx.el.fieldset(
        rx.el.legend(t("Your rating"), class_name="field-label"),
        rx.radio_group.root(
            rx.flex(*[rx.el.label(
                rx.radio_group.item(value=str(n), id=f"stars-{n}"),
                rx.text(stars_line(n), as_="span", color=rx.color("amber", 10),
                        aria_hidden="true"),
                rx.text(t("{n} · {word}", n=str(n), word=t(word)), as_="span", size="2"),
                html_for=f"stars-{n}", class_name="star-choice",
                style={"display": "flex", "gap": "8px", "alignItems": "center",
                       "cursor": "pointer"}) for n, word in STAR_WORDS],
                direction="column", spacing="2"),
            value=value, on_change=on_change, name="stars", required=True,
            aria_label=t("Your rating"), aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby="stars-error", id="star-picker"),
        rx.text(error, size="1", color_scheme="red", role="alert", id="stars-error",
                class_name="field-error"),
        style={"border": "none", "padding": "0", "margin": "0"})
