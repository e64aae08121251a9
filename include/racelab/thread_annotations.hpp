// racelab/thread_annotations.hpp — clang thread-safety attributes, as abseil spells them.
//
// Under clang with -Wthread-safety these let the compiler prove that every access to a
// RACELAB_GUARDED_BY member happens with its mutex held. Other compilers see nothing.
// See https://clang.llvm.org/docs/ThreadSafetyAnalysis.html
#pragma once

#if defined(__clang__) && !defined(SWIG)
#define RACELAB_TSA_(x) __attribute__((x))
#else
#define RACELAB_TSA_(x)
#endif

#define RACELAB_CAPABILITY(name) RACELAB_TSA_(capability(name))
#define RACELAB_SCOPED_CAPABILITY RACELAB_TSA_(scoped_lockable)
#define RACELAB_GUARDED_BY(mu) RACELAB_TSA_(guarded_by(mu))
#define RACELAB_PT_GUARDED_BY(mu) RACELAB_TSA_(pt_guarded_by(mu))
#define RACELAB_REQUIRES(...) RACELAB_TSA_(requires_capability(__VA_ARGS__))
#define RACELAB_EXCLUDES(...) RACELAB_TSA_(locks_excluded(__VA_ARGS__))
#define RACELAB_ACQUIRE(...) RACELAB_TSA_(acquire_capability(__VA_ARGS__))
#define RACELAB_RELEASE(...) RACELAB_TSA_(release_capability(__VA_ARGS__))
#define RACELAB_TRY_ACQUIRE(...) RACELAB_TSA_(try_acquire_capability(__VA_ARGS__))
#define RACELAB_ACQUIRE_SHARED(...) RACELAB_TSA_(acquire_shared_capability(__VA_ARGS__))
#define RACELAB_RELEASE_SHARED(...) RACELAB_TSA_(release_shared_capability(__VA_ARGS__))
#define RACELAB_TRY_ACQUIRE_SHARED(...) RACELAB_TSA_(try_acquire_shared_capability(__VA_ARGS__))
#define RACELAB_REQUIRES_SHARED(...) RACELAB_TSA_(requires_shared_capability(__VA_ARGS__))
#define RACELAB_RETURN_CAPABILITY(x) RACELAB_TSA_(lock_returned(x))
// Opts one function out of the analysis. Every use must say in a comment why it is right.
#define RACELAB_NO_THREAD_SAFETY_ANALYSIS RACELAB_TSA_(no_thread_safety_analysis)
