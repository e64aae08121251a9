#include "racelab/harness/trial_report.hpp"

namespace racelab::harness {

TrialReport report_recorded_thread_exceptions() { return {recorded_thread_exceptions(), {}}; }

}  // namespace racelab::harness
