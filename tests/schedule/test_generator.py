"""The seeded generator: same seed, same production; realistic size; a problem that binds."""

from __future__ import annotations

from firstad.schedule.evaluator import evaluate
from firstad.schedule.generator import Size, generate_problem, generate_production
from firstad.schedule.manual import manual_schedule


def test_same_seed_same_production() -> None:
    assert generate_production(7) == generate_production(7)
    assert generate_problem(7) == generate_problem(7)


def test_different_seeds_differ() -> None:
    assert generate_production(1) != generate_production(2)


def test_benchmark_size() -> None:
    breakdown, production = generate_production(3)
    assert len(breakdown.scenes) == 120
    assert len(production.cast) == 30
    assert len(production.locations) == 25
    assert production.calendar.max_shoot_days == 25
    assert 100 <= breakdown.total_eighths / 8 <= 120
    problem = generate_problem(3)
    assert len(problem.dates) == 25
    assert any(place.window_end > 24 * 60 for place in problem.locations.values())
    assert any(len(terms.available_dates) < 25 for terms in problem.cast.values())


def test_every_scene_fits_somewhere() -> None:
    problem = generate_problem(4)
    for job in problem.scenes:
        place = problem.locations[job.location_id]
        assert job.duration_minutes <= place.window_end - place.window_start
        assert job.cast_ids


def test_manual_baseline_on_a_small_generated_instance_breaks_no_rule() -> None:
    size = Size(pages=20, scenes=24, cast=8, locations=6, shoot_days=10, leads=3)
    problem = generate_problem(5, size)
    evaluation = evaluate(problem, manual_schedule(problem))
    broken = [item for item in evaluation.violations if "not scheduled" not in item.message]
    assert broken == []
