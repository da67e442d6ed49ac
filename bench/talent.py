"""Talent scheduling: our exact kernel against CP-SAT and didppy, measured in the same run.

    .venv/bin/python bench/talent.py [--quick] [--frontier]

Part 1 runs every shared instance (../shared/benchmarks/talent) with our solver, the plain CP-SAT
model (firstad.schedule.talent.cpsat, 2 workers) and the DIDP model of talent scheduling in
didppy (the formulation of the didppy examples: state = remaining scenes, forced transition when a
scene's cast is exactly who is waiting, dual bound = the cast's own days; solved with CABS).
Part 2 is the frontier: seeded random instances of growing size under a time limit, with the
gap between the best order and the proven bound at the end and before the search (``--frontier``
runs only this part).

Our times include preprocessing and the heuristic but not numba's one-off compile, which is
measured once and printed first (it is cached on disk for later runs, in a folder keyed by a
hash of the talent sources: see firstad.schedule.talent.compiled).

Frontier at 60 s, seeds 0-2, on the 2-core development machine (shared with other work), the
depth-first bounded DP (before 2026-11-23 evening) against the best-first search, same run, wall
seconds: 24x12 31.9/1.5/26.2 -> 18.8/1.1/13.1; 28x14 proven 2/3 -> 3/3 (-/28.4/23.5 ->
44.8/21.6/15.1); 32x16 proven by neither, final gaps 29.7/38.9/36.0 % -> 4.9/11.6/7.8 % (a
depth-first search proves little before it ends; the least open value of a best-first one is a
bound throughout). The target of issue 3, 40x20 in a minute, is still far.

2026-12-02, the holding of the actors not yet started solved exactly per set of them (groups.py)
instead of packing disjoint triples, same run, before -> after: root bounds 0-9 % higher (32x16
seed 0: 18714 -> 19793); 24x12 and 28x14 take the same expansions to prove (within 0.5 %) and
about the same time; 32x16 final gaps 5.4/11.7/8.6 -> 5.1/10.6/8.3 %; 40x20 seed 0 9.4 -> 9.7 %
(a quarter fewer expansions: larger unstarted sets cost more to solve). Mid-search states have
few actors not yet started, so little more is to be had there: on sampled 24x12 and 28x14
states the bound is 11-14 % below the state's value; solving the one-sided actors of both sides
together would close about a quarter of that, and adding the unstarted ones to a side up to 40 %.

2026-12-02 (later), the crossing bound as a split of costs (bounds._crossing_bound): pairs of
actors waiting from opposite sides, or a front actor, one not yet started and a back actor, whose
stays must cover the middle share their daily cost (a greedy flow), and the group bounds take the
costs left. On sampled popped 24x12 states it raises the bound 10.6 % over the weak bound and 4.2 %
over the old pair matching, for 2 us a state (7 at 40x20). Same run, interleaved, before -> after,
60 s: 24x12 proven in 641k/38k/509k -> 270k/28k/254k expansions (the machine was loaded, wall up to
twice cpu; run alone, twice each, seeds 0 and 2 take 14.3-14.9 and 11.8-12.8 -> 8.2-8.3 and 7.4-7.6
cpu s, and 28x14 seed 1 15.2-15.5 -> 11.8-12.6); 28x14 proven 2/3 -> 3/3 (seed 0 in 584k
expansions, 31.5 s), seeds 1-2 in 481k/417k -> 329k/252k; 32x16 final gaps 4.6/9.6/7.3 ->
1.9/7.2/4.5 %; 40x20 8.3/18.2/16.2 -> 7.0/15.2/15.6 %. Stopped at 2M stored states instead
(machine-independent): 32x16 gaps 7.8/14.2/11.8 -> 5.5/11.4/8.6 %, 40x20 11.5/19.5/18.6 ->
9.6/17.5/17.4 %, after about the same expansions. The pairs alone gave most of it; the chains
through unstarted actors took 5-8 % fewer expansions to prove 24x12 and 28x14 on top. Keeping the
holding of the unstarted actors in chains at the least share of cost any has left: 0.2-0.6 % fewer
expansions to prove, 32x16 gaps at 2M states 5.47/11.36/8.59 -> 5.43/11.25/8.24 % (the numbers
above are without it). A second paired run with it, 60 s, before -> after: 24x12 268k/28k/254k
expansions; 28x14 proven 3/3 by both (seed 0 in 1085k -> 580k expansions, 35.6 -> 22.0 s; seeds 1-2
15.4/12.6 -> 12.2/9.1 cpu s); 32x16 gaps 3.9/10.1/7.3 -> 2.2/7.3/4.6 %; 40x20 9.3/16.5/15.2 ->
7.3/14.7/13.8 %. Tried and dropped: the exact two-ended optimum of the costliest one-sided actors
(up to 10 casts), when a state comes up: 30-40 % fewer expansions but twice the time (25-40 us a
call, three calls an expansion, a memo hit 10-23 %); with 8 casts, only after the pair bound: 5-20
% fewer expansions for 30-45 % more time. Stars (an actor and all its partners sharing one weight),
partial flows and other greedy orders: under 0.1 % more bound. The crossing bound for every child:
the same expansions, slower. The exact side bound up to 10 actors, or a large side split into its 8
costliest and the rest: 40x20 gaps at 1-2M stored states 0.2-1 point lower for 1.0-2.2 times the
cpu. What is left on sampled 24x12 and 28x14 states (15 scenes or fewer, bound 7-13 % below the
value): the exact joint of the one-sided actors would close 35-55 % of it, the unstarted ones with
one side 5-17 %. At 32x16 the search now stores 2M states in about 10 s of cpu, so its 16M cap
(about 3 GB) would end a run after about 80 s.

2026-12-02 (late), partial expansion (Yoshizumi et al. 2000; bestfirst.PARTIAL_MARGIN): an expansion
stores only the children whose value is at most the parent's plus a margin and puts the parent back
at the least value of the others. It saves memory, not time: every re-expansion computes the
children's bounds again, and storing a child is cheap next to its bound (about 9 us). At a fixed 30
cpu s, seed 0, full -> margins 0/300/1000/3000: 32x16 stores 4.0M -> 0.7/1.4/2.5/3.6M states, gap
3.7 -> 5.6/4.5/4.2/3.9 %; 40x20 stores 3.4M -> 0.2/0.36/0.65/1.9M, gap 8.5 -> 10.4/9.5/8.9/8.5 %.
Within 60 s the 16M cap is not reached (about 8M stored at 40x20), so the solver switches to it
(margin 0) only once three quarters of the room is in use: a run then goes on instead of stopping.
Capped at 1M states (machine-independent), 60 s, seeds 0-2: 32x16 stopped at 7-15 s with gaps
7.2/13.2/10.3 %, now 1.7-2x later at 6.0/12.1/9.1 %; 40x20 stopped at 12-25 s with 11.1/19.0/19.1 %,
now at 41-46 s with 8.7/16.8/16.1 %. Switching at half the room: 5.4/11.3/8.5 % and 9.4/16.5/15.8 %,
but at 16M states that point falls inside a 60 s 40x20 run. The paired frontier, 60 s, interleaved,
no switch -> switch at half the room (the same search until 8M states): 24x12 and 28x14 proven 3/3
by both in the same expansions (24x12 268k/28k/254k, 28x14 580k/328k/251k; cpu 8.5-25.7 s, the same
within noise); 32x16 gaps 2.26/7.45/4.70 -> 2.37/7.76/4.63 %; 40x20 6.98/14.84/13.80 ->
7.30/14.96/14.11 % (the last seconds of the 32x16 and 40x20 runs partial: 5-16 % fewer expansions).
With the switch at three quarters these runs keep the full search: 40x20 seed 0 paired again, 7.09 %
(377k expansions) and 7.18 % (358k, the run that also loaded the compiled code). Tried and dropped:
lazy child bounds (a child whose quick value, or the parent's less the step, is above the parent's
value is stored without its bound, computed when it comes up): with the parent's bound less the step
("pathmax") nearly every child's cheap value is the parent's own, so almost all bounds are computed
anyway; at 30 cpu s 32x16 gap 3.8 -> 4.2 %, 40x20 8.6 -> 8.8 %, 7-17 % more states stored. Partial
expansion on top of lazy bounds (margins 300 and 1000): 32x16 5.0/4.1 %, 40x20 10.2/8.9 %. What is
left to gain at 60 s is the cost of a child's bound itself.

2026-12-02 (evening), the cost of a child's bound, the same search: the quick and the weak bound
of a child in one pass over the actors with one look-up of the unstarted actors' holding (it was
taken twice), the cache of one-sided group bounds at 4M slots instead of 64K (a 40x20 run meets a
new (group, scenes) in about a quarter of its look-ups; with 64K slots half of them missed early on
and more later), a leaner group DP, and the node list and heap mapped at full size so that only
the state table grows (growth took 3.4-3.9 s of a minute at 32x16 and 40x20, now 2.2-3.0). Replayed
on the states a 40x20 run stores after 2.4M (caches warmed by the earlier ones), a child's bound
takes 3.7 -> 2.2 us; at a fixed 150k expansions of 40x20 seed 0 the run takes 26.8/25.7 -> 19.7/21.4
cpu s (2.5 s of it local search). bench --frontier, paired, before -> after: 24x12 proven in
12.7/1.2/12.5 -> 9.2/0.9/7.5 cpu s, 28x14 in 36.2/20.8/15.7 -> 21.3/15.1/12.2 (the same
expansions), 32x16 gaps at 60 s 3.2/8.4/5.5 -> 2.5/7.5/4.9 %; 40x20 through solve at 60 s (the
machine busier) 258k/153k/218k -> 324k/192k/277k expansions, gaps 7.77/15.89/15.05 ->
7.36/15.42/14.49 %. Capped at 60 cpu s by a driver of
our own (no partial expansion), before the growth change: 32x16 754k/453k/452k -> 894k/593k/572k
expansions, gaps 2.71/8.02/5.41 -> 2.35/7.37/4.84 %; 40x20 343k/212k/269k -> 463k/272k/385k,
gaps 7.26/15.33/14.55 -> 6.72/14.72/13.69 %; the growth change then 894k/403k/613k ->
910k/410k/664k (32x16 seed 0, 40x20 seed 0, 32x16 seed 1; machine noise is +-15 %). Tried and
dropped: skipping in the group DP the finishing orders in which an actor whose scenes lie within
another's finishes after it (true, but the checks cost more than the unions saved: 1.43 -> 2.27 us
per (group, scenes)); a small second cache (4096 slots) in front of the large one, and keys and
values in one array: no change; leaving a missing group bound out of a child (its own days instead,
the exact one when the state comes up): the same expansions but 26 % more states stored (children
the exact bound prunes against the best order known are kept) and 17 % more cpu at 40x20 (100k
expansions, 17.4 -> 20.4 s); each child's own days from the parent's, less the scene shot, instead
of a pass over the actors' scenes: no gain (32x16 seed 0, 200k expansions, 16.3 -> 16.6 cpu s
over three pairs). Where a 40x20 child's time goes now (replayed, late): 0.6 us the
pass over the actors and the holding look-up, 0.3 the uncovered days' pay, 1.4 the two group
bounds (look-ups, and the DP for the fifth to quarter that miss); early in a run the holding of
new sets of unstarted actors (about 150 us each, 10k in the first 30k expansions) adds 2 us a
child. Another 2 us or so a child goes to the rest of the search (transition, table, heap, and
the kernel's zeroing of the pages the arrays grow into).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from firstad.schedule.talent import TalentInstance, read_instance
from firstad.schedule.talent.cpsat import solve_cpsat
from firstad.schedule.talent.generator import generate
from firstad.schedule.talent.solver import TalentResult, solve

TALENT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "talent"
FRONTIER = ((16, 8), (20, 10), (24, 12), (28, 14), (32, 16), (36, 18), (40, 20), (44, 22), (48, 22))


def solve_didppy(instance: TalentInstance, time_limit: float) -> tuple[int | None, bool, float]:
    """The didppy DIDP model; returns (cost, proven optimal, seconds)."""
    import didppy as dp

    count = instance.scene_count
    casts = [list(instance.actors_in(scene)) for scene in range(count)]
    model = dp.Model()
    scene_type = model.add_object_type(number=count)
    actor_type = model.add_object_type(number=max(instance.actor_count, 1))
    remaining = model.add_set_var(object_type=scene_type, target=list(range(count)))
    cast_table = model.add_set_table(casts, object_type=actor_type)
    actor_cost = model.add_int_table(list(instance.costs) or [0])
    own_pay = model.add_int_table(
        [
            instance.durations[scene] * sum(instance.costs[a] for a in casts[scene])
            for scene in range(count)
        ]
    )
    shot = remaining.complement()
    waiting = cast_table.union(shot) & cast_table.union(remaining)
    for scene in range(count):
        on_location = cast_table[scene] | waiting
        model.add_transition(
            dp.Transition(
                name=str(scene),
                cost=instance.durations[scene] * actor_cost[on_location] + dp.IntExpr.state_cost(),
                preconditions=[remaining.contains(scene)],
                effects=[(remaining, remaining.remove(scene))],
            )
        )
        model.add_transition(
            dp.Transition(
                name=str(scene),
                cost=own_pay[scene] + dp.IntExpr.state_cost(),
                preconditions=[remaining.contains(scene), cast_table[scene] == waiting],
                effects=[(remaining, remaining.remove(scene))],
            ),
            forced=True,
        )
    model.add_base_case([remaining.is_empty()])
    model.add_dual_bound(own_pay[remaining])
    started = time.perf_counter()
    solution = dp.CABS(model, time_limit=time_limit, quiet=True).search()
    seconds = time.perf_counter() - started
    cost = None if solution.is_infeasible or not solution.transitions else int(solution.cost)
    return cost, bool(solution.is_optimal), seconds


def instances() -> list[tuple[str, TalentInstance]]:
    found = []
    for path in sorted(TALENT.rglob("*")):
        if path.is_file() and path.name not in {"Solutions", "SOURCES.md"}:
            instance, problems = read_instance(path)
            if instance is None:
                raise SystemExit(f"{path}: {problems}")
            found.append((str(path.relative_to(TALENT)), instance))
    return found


def ratio(theirs: float | None, ours: float) -> str:
    return "-" if theirs is None else f"{theirs / max(ours, 1e-4):8.1f}x"


def published(limit: float) -> None:
    print(
        f"\n== shared instances (CP-SAT and didppy limit {limit:.0f} s; ratio = their time / ours)"
    )
    header = f"{'instance':42s} {'optimum':>7s} {'ours s':>8s} {'CP-SAT':>18s} {'didppy':>14s}"
    print(header + f" {'CP-SAT/ours':>11s} {'didppy/ours':>11s}")
    for name, instance in instances():
        ours = solve(instance)
        cpsat = solve_cpsat(instance, time_limit=limit)
        if cpsat.optimal:
            cpsat_text, cpsat_time = f"{cpsat.seconds:8.3f}", cpsat.seconds
        else:
            gap = f"{cpsat.cost}/{cpsat.lower_bound}"
            cpsat_text, cpsat_time = f"timeout {gap}", None
        didppy_cost, didppy_optimal, didppy_seconds = solve_didppy(instance, limit)
        didppy_ok = didppy_optimal and didppy_cost == ours.cost
        didppy_text = f"{didppy_seconds:8.3f}" if didppy_ok else f"timeout {didppy_cost}"
        flag = "" if ours.optimal else " (not proven)"
        print(
            f"{name:42s} {ours.cost:7d} {ours.seconds:8.3f} {cpsat_text:>18s} {didppy_text:>14s}"
            f" {ratio(cpsat_time, ours.seconds):>11s}"
            f" {ratio(didppy_seconds if didppy_ok else None, ours.seconds):>11s}{flag}",
            flush=True,
        )


def frontier(limit: float, seeds: int) -> None:
    print(f"\n== frontier: seeded random instances (generator.py), {limit:.0f} s each")
    print("   gap = (best - proven bound) / best; root = the same with the bound before search")
    print("   cpu = process CPU seconds (wall times suffer when the machine is shared)")
    for scenes, actors in FRONTIER:
        timed = [_timed_solve(generate(scenes, actors, seed), limit) for seed in range(seeds)]
        results = [result for result, _ in timed]
        proven = [result for result in results if result.optimal]
        times = " ".join(f"{result.seconds:6.2f}" for result in results)
        cpu = " ".join(f"{seconds:6.2f}" for _, seconds in timed)
        gaps = " ".join(f"{_gap(result.cost, result.lower_bound):5.1%}" for result in results)
        roots = " ".join(f"{_gap(result.cost, result.root_bound):5.1%}" for result in results)
        print(
            f"{scenes:3d}x{actors:<3d} proven {len(proven)}/{seeds}  times {times}  cpu {cpu}"
            f"  gaps {gaps}  root gaps {roots}",
            flush=True,
        )
        if not proven:
            break


def _timed_solve(instance: TalentInstance, limit: float) -> tuple[TalentResult, float]:
    started = time.process_time()
    result = solve(instance, time_limit=limit)
    return result, time.process_time() - started


def _gap(cost: int, bound: int) -> float:
    return (cost - bound) / max(cost, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 s limits, one seed per size")
    parser.add_argument(
        "--frontier", action="store_true", help="only the frontier (seeds 0-2, 60 s limits)"
    )
    arguments = parser.parse_args()
    limit = 10.0 if arguments.quick else 60.0
    started = time.perf_counter()
    solve(generate(8, 4, 0))
    print(f"first solve incl. numba compile or cache load: {time.perf_counter() - started:.2f} s")
    if not arguments.frontier:
        published(limit)
    frontier(limit, 1 if arguments.quick else 3)


if __name__ == "__main__":
    main()
