"""Scheduling: the problem a solver sees, the evaluator that judges any schedule, the solvers."""
