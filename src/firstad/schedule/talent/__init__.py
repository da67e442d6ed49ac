"""The classic talent scheduling problem (Cheng, Diamond & Lin 1993): order scenes to minimise pay.

An actor is paid for every day from their first scene to their last, so the order of scenes
decides how many idle ("holding") days the production pays for. This package holds the problem
record, its file formats, an evaluator, and an exact solver after Garcia de la Banda, Stuckey &
Chu (2011), "Solving Talent Scheduling with Dynamic Programming", INFORMS J. on Computing.
"""

from firstad.schedule.talent.evaluation import TalentEvaluation, evaluate
from firstad.schedule.talent.formats import read_dzn, read_instance, read_pstuckey
from firstad.schedule.talent.instance import TalentInstance

__all__ = [
    "TalentEvaluation",
    "TalentInstance",
    "evaluate",
    "read_dzn",
    "read_instance",
    "read_pstuckey",
]
