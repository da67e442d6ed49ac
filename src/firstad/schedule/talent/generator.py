"""Seeded random talent scheduling instances, shaped like those of Garcia de la Banda et al. 2011.

Their random benchmark has ``n`` in 16..64 scenes and ``m`` in 8..22 actors. We could not find
the paper's exact recipe in the sources at hand, so ours is documented here and fixed by the seed:

* every actor appears in a uniformly random number of scenes between 2 and ``max(2, n // 2)``,
  chosen uniformly (actors in fewer scenes would be removed by preprocessing anyway);
* every scene has at least one actor (a scene left empty gets one random actor);
* durations are uniform in 1..4 days and daily costs uniform in 1..100.
"""

from __future__ import annotations

import random

from firstad.schedule.talent.instance import TalentInstance

DURATIONS = (1, 4)
COSTS = (1, 100)


def generate(scene_count: int, actor_count: int, seed: int) -> TalentInstance:
    """A random instance of ``scene_count`` scenes and ``actor_count`` actors for ``seed``."""
    if scene_count < 2 or actor_count < 1:
        raise ValueError("need at least 2 scenes and 1 actor")
    generator = random.Random(f"talent-{scene_count}x{actor_count}-{seed}")
    rows = [_actor_row(generator, scene_count) for _ in range(actor_count)]
    for scene in range(scene_count):
        if not any(row[scene] for row in rows):
            rows[generator.randrange(actor_count)][scene] = True
    return TalentInstance(
        name=f"random-{scene_count}x{actor_count}-{seed}",
        durations=tuple(generator.randint(*DURATIONS) for _ in range(scene_count)),
        costs=tuple(generator.randint(*COSTS) for _ in range(actor_count)),
        appearances=tuple(tuple(row) for row in rows),
    )


def _actor_row(generator: random.Random, scene_count: int) -> list[bool]:
    appearances = generator.randint(2, max(2, scene_count // 2))
    chosen = set(generator.sample(range(scene_count), appearances))
    return [scene in chosen for scene in range(scene_count)]
