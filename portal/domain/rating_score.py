"""The organizer's score: a Bayesian average of its ratings.

A plain mean lets one 5-star rating make a newcomer "5.0", ahead of an organizer with two
hundred ratings averaging 4.8. The Bayesian average starts every organizer from PRIOR_MEAN as
if PRIOR_WEIGHT ratings of that value had been given, and lets real ratings pull it away:

    score = (PRIOR_WEIGHT * PRIOR_MEAN + sum of stars) / (PRIOR_WEIGHT + number of ratings)

PRIOR_MEAN is the middle of the 1-5 scale (3.0): neither rewards nor punishes an organizer
nobody has rated yet. PRIOR_WEIGHT = 5: after five ratings an organizer's own ratings weigh as
much as the prior; after fifty, the score is within a few hundredths of their plain mean. One
5-star rating gives (5*3 + 5) / 6 = 3.33; ten 5-star ratings give 65/15 = 4.33.
"""

from __future__ import annotations

PRIOR_MEAN = 3.0
PRIOR_WEIGHT = 5
STARS = (1, 2, 3, 4, 5)


def bayesian_score(stars_total: int, count: int, *, prior_mean: float = PRIOR_MEAN,
                   prior_weight: int = PRIOR_WEIGHT) -> float | None:
    """The score to one decimal's precision and more (callers round for display); None while
    nobody has rated."""
    if count <= 0:
        return None
    return (prior_weight * prior_mean + stars_total) / (prior_weight + count)
