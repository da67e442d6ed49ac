"""The random generator: seeded, within the documented ranges."""

from __future__ import annotations

import pytest

from firstad.schedule.talent.generator import generate


def test_same_seed_same_instance() -> None:
    assert generate(20, 10, 3) == generate(20, 10, 3)
    assert generate(20, 10, 3) != generate(20, 10, 4)


def test_ranges() -> None:
    instance = generate(40, 20, 1)
    assert instance.scene_count == 40
    assert instance.actor_count == 20
    assert all(1 <= duration <= 4 for duration in instance.durations)
    assert all(1 <= cost <= 100 for cost in instance.costs)
    assert all(2 <= len(instance.scenes_of(actor)) <= 20 for actor in range(20))
    assert all(instance.actors_in(scene) for scene in range(40))


def test_rejects_degenerate_sizes() -> None:
    with pytest.raises(ValueError, match="at least"):
        generate(1, 5, 0)
