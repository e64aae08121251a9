# tests/relacy_backend/plan.cmake — which Relacy runs racelab makes: one row per run,
#
#   "<scenario>|<impl or *>|<cxx, atomic or census>|<random, bound or full>|<workers>|<ctest or compare>"
#
# read by tests/relacy_backend/CMakeLists.txt (rows marked ctest become tests, label relacy) and by
# compare.py (every row). A row is here only if that scheduler *finishes* on this machine
# (2 cores): Relacy's full search and context bound enumerate schedules without partial-order
# reduction, so their cost grows factorially with threads. Measured times (Release, g++ 12, one
# run) are in the comments; docs/relacy.md has the table.
#
#   random  10,000 iterations, every scenario, the scenario's own 4 workers per user.
#   bound   context bound 1 (at most one preemption per iteration), 4 workers, where it finishes.
#   full    full search. With 4 workers it finishes where the declared result is a failure Relacy
#           meets at once, and for the seed's outcome census; elsewhere it runs on the same
#           scenario with 2 workers per user (small scope: the bugs need only two workers).
#
# Keep this file plain data: set(<NAME> <items>) with no parentheses or '#' inside an item, since
# compare.py reads the three lists without CMake (read_plan()).
#
# cxx and atomic check the declared result (tests/relacy_backend/declared_verdicts.hpp); census counts
# the outcomes under atomic steps (it fails only on a Relacy error: deadlock, leak, crash).
set(RACELAB_RELACY_SCENARIOS no-proxies concurrent-add stale-teardown enqueue-during-teardown
                              happy-path)
# The reference implementations. exercise/ (the student's copy of buggy/) gets a Relacy binary
# too, relacy_scenarios_exercise, but no tests: it fails until the student has fixed it.
set(RACELAB_RELACY_IMPLS buggy fixed complete)

set(RACELAB_RELACY_RUNS
  # ---- random: everything, < 3 s each ----
  "no-proxies|*|cxx|random|4|ctest"
  "no-proxies|*|atomic|random|4|ctest"
  "no-proxies|*|census|random|4|ctest"
  "concurrent-add|*|cxx|random|4|ctest"
  "concurrent-add|*|atomic|random|4|ctest"
  "concurrent-add|*|census|random|4|ctest"
  "stale-teardown|*|cxx|random|4|ctest"
  "stale-teardown|*|atomic|random|4|ctest"
  "stale-teardown|*|census|random|4|ctest"
  "enqueue-during-teardown|*|cxx|random|4|ctest"
  "enqueue-during-teardown|*|atomic|random|4|ctest"
  "enqueue-during-teardown|*|census|random|4|ctest"

  # ---- context bound 1, 4 workers ----
  "no-proxies|*|cxx|bound|4|ctest"                     # fixed 2,136 it · complete 3,936 it
  "no-proxies|*|atomic|bound|4|ctest"
  "no-proxies|*|census|bound|4|ctest"
  "concurrent-add|*|cxx|bound|4|ctest"                 # fixed, complete 332,568 it, ~6 s
  "concurrent-add|*|atomic|bound|4|ctest"              # buggy: found after 147,349 it, 3 s
  "stale-teardown|buggy|cxx|bound|4|ctest"
  "stale-teardown|buggy|atomic|bound|4|ctest"
  "stale-teardown|fixed|cxx|bound|4|ctest"             # found after 71,821 it, 2 s
  "stale-teardown|fixed|atomic|bound|4|ctest"
  # stale-teardown complete: 16 threads, > 3,000,000 it in 120 s without finishing
  "enqueue-during-teardown|*|cxx|bound|4|ctest"
  "enqueue-during-teardown|*|atomic|bound|4|ctest"
  "enqueue-during-teardown|*|census|bound|4|ctest"

  # ---- full search, 4 workers: failures met at once, and the seed's census ----
  "no-proxies|buggy|cxx|full|4|ctest"
  "no-proxies|buggy|atomic|full|4|ctest"
  "no-proxies|buggy|census|full|4|compare"            # 939,024 it, ~21 s: every KeyError count
  "no-proxies|fixed|cxx|full|4|compare"               # ~16,300,000 it, ~4 min
  "concurrent-add|buggy|cxx|full|4|ctest"
  "stale-teardown|buggy|cxx|full|4|ctest"
  "stale-teardown|buggy|atomic|full|4|ctest"
  "enqueue-during-teardown|buggy|cxx|full|4|ctest"
  "enqueue-during-teardown|buggy|atomic|full|4|ctest"
  "enqueue-during-teardown|fixed|cxx|full|4|ctest"
  "enqueue-during-teardown|fixed|atomic|full|4|ctest"

  # ---- full search, small scope: 2 workers per user ----
  "no-proxies|*|cxx|full|2|ctest"                      # fixed 216 it · complete 1,040 it
  "no-proxies|*|atomic|full|2|ctest"
  "no-proxies|*|census|full|2|ctest"
  "concurrent-add|buggy|atomic|full|2|ctest"           # found after 7,641 it
  "concurrent-add|fixed|cxx|full|2|ctest"              # 803,810 it, ~8 s
  "concurrent-add|complete|cxx|full|2|ctest"
  "concurrent-add|fixed|atomic|full|2|ctest"           # 2,499,770 it, ~30 s
  "concurrent-add|complete|atomic|full|2|ctest"
  "stale-teardown|fixed|cxx|full|2|ctest"              # found after 374,391 it, ~7 s
  "stale-teardown|fixed|atomic|full|2|ctest"           # found after 1,574,161 it, ~32 s
  "stale-teardown|buggy|census|full|2|ctest"           # 18,800 it
  # stale-teardown complete: 2 workers still make 10 threads; not finished in 120 s
  "enqueue-during-teardown|*|cxx|full|2|ctest"         # complete 20,378 it
  "enqueue-during-teardown|*|atomic|full|2|ctest"
  "enqueue-during-teardown|*|census|full|2|ctest"

  # ---- happy-path: proxies available, every implementation safe ----
  "happy-path|*|cxx|random|4|ctest"
  "happy-path|*|atomic|random|4|ctest"
  "happy-path|*|census|random|4|ctest"
  "happy-path|*|cxx|bound|4|ctest"                     # ~10 s
  "happy-path|*|atomic|bound|4|ctest"
  # full search: serving workers wait, wake and reply on two queues; not finished in 300 s even
  # with 2 workers
)
