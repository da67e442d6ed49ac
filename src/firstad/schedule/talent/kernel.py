"""The two-ended states of the search: shooting a scene at either end, and which scenes to try.

Garcia de la Banda, Stuckey & Chu (2011) schedule scenes one at a time and memoise on the set
``Q`` of scenes still to shoot; their best variant fills the schedule *from both ends*. A state is
then ``(Q, front, back)``: the remaining scenes, the actors of ``Q`` already on location from the
front part, and those already on location from the back part. What the middle costs depends on
nothing else, and a schedule read backwards costs the same, so ``(Q, back, front)`` has the same
value and the search keeps one of the two (``front <= back``, the canonical orientation).

Costs are accounted so that a state's value depends only on the state: a state's value is the
pay, during the remaining days, of the actors who still have a scene in ``Q``; an actor who leaves
``Q`` while on location from both ends stays for all of the remaining days and is charged then.
The search over these states is in bestfirst.py.

Everything here is nopython numba over int64 bit masks: up to 63 (reduced) scenes and 63 actors.
"""

from __future__ import annotations

import numpy as np

from firstad.schedule.talent.bounds import actors_of
from firstad.schedule.talent.compiled import compiled
from firstad.schedule.talent.masks import mask_sum


@compiled
def transition(  # type: ignore[no-untyped-def]  # noqa: PLR0917 (numba: positional only)
    data, q, front, back, scene, at_front
):
    """Shoot ``scene`` next to the front (or back) part: its cost and the child state.

    On location during the scene: its own actors, and the actors started on this side who still
    have a scene left (in the middle or on the other side). An actor who leaves the middle while
    started on both sides waits through all remaining days; that pay is charged here.
    """
    scene_actors, durations, actor_scenes = data[0], data[1], data[2]
    duration_table, cost_table = data[4], data[5]
    rest = q & ~(np.int64(1) << scene)
    rest_actors = actors_of(rest, actor_scenes)
    own = scene_actors[scene]
    this_side, other_side = (front, back) if at_front else (back, front)
    present = own | (this_side & (rest_actors | other_side))
    cost = durations[scene] * mask_sum(present, cost_table)
    this_side = this_side | own
    leaving = (this_side & other_side) & ~rest_actors
    cost += mask_sum(leaving, cost_table) * mask_sum(rest, duration_table)
    this_side &= rest_actors
    other_side &= rest_actors
    if at_front:
        return cost, rest, this_side, other_side
    return cost, rest, other_side, this_side


@compiled
def children(data, q, front, back, scenes_out):  # type: ignore[no-untyped-def]
    """The scenes to branch on and the side, in the canonical orientation (front <= back).

    Two dominance rules keep at least one optimal order of the middle (both are checked by the
    brute-force tests):

    * a scene that keeps everyone waiting on one side busy and brings in nobody new can be shot
      next on that side (Garcia de la Banda et al. 2011: a cast equal to the waiting set). Actors
      on location from both sides stay for the whole middle anyway, so the cast need only cover
      those waiting on this side alone (see ``_fills_the_wait``). A mere subset of the waiting
      set is not enough: a waiting actor whose scenes all come before it would wait longer;
    * otherwise the side alternates with the number of scenes left, and a scene ``i`` is skipped
      when another scene ``j`` has a cast with ``cast(i) <= cast(j) <= side | cast(i)``: shooting
      ``j`` then ``i`` costs no more than ``i`` then ``j`` (the actors of ``j`` missing from
      ``i`` are waiting anyway and may leave after ``j``) and ends in the same state, and after
      ``i`` the first rule would shoot ``j`` at once. This is the subsumption rule of the DIDP
      talent scheduling model (Kuroiwa & Beck 2023). Casts strictly grow along a chain of skips
      (equal casts: the lower number is kept), so the chain ends at a scene that is kept.
    """
    scene_actors = data[0]
    for scene in range(scene_actors.shape[0]):
        if (q >> scene) & 1:
            cast = scene_actors[scene]
            if _fills_the_wait(cast, front, back):
                scenes_out[0] = scene
                return 1, True
            if _fills_the_wait(cast, back, front):
                scenes_out[0] = scene
                return 1, False
    at_front = popcount(q) % 2 == 0
    side = front if at_front else back
    count = 0
    for scene in range(scene_actors.shape[0]):
        if (q >> scene) & 1 and not _subsumed(scene_actors, q, scene, side):
            scenes_out[count] = scene
            count += 1
    return count, at_front


@compiled
def _fills_the_wait(cast, side, other_side):  # type: ignore[no-untyped-def]
    """Whether ``cast`` is within ``side`` and covers the actors on location from ``side`` only.

    Moving such a scene to that edge of the middle: its actors were there already; an actor
    waiting from this side only is in it, so their last scene ends no later; those from both
    sides stay throughout; everyone else starts no earlier and ends no later.
    """
    return cast & ~side == 0 and (side & ~other_side) & ~cast == 0


@compiled
def _subsumed(scene_actors, q, scene, side):  # type: ignore[no-untyped-def]
    """Whether another scene of ``q`` should be shot before ``scene`` on ``side`` (see children)."""
    cast = scene_actors[scene]
    allowed = side | cast
    for other in range(scene_actors.shape[0]):
        if other == scene or not (q >> other) & 1:
            continue
        other_cast = scene_actors[other]
        within = cast & ~other_cast == 0 and other_cast & ~allowed == 0
        if within and (other_cast != cast or other < scene):
            return True
    return False


@compiled
def popcount(mask):  # type: ignore[no-untyped-def]
    count = 0
    while mask:
        mask &= mask - 1
        count += 1
    return count
