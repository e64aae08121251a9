// sanitizer_build.hpp — which sanitizer this test binary was built with, as constants, so a test
// can state the outcome each build is expected to produce.
#pragma once

namespace racelab::harness {

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RACELAB_TEST_TSAN 1
#endif
#if __has_feature(address_sanitizer)
#define RACELAB_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define RACELAB_TEST_TSAN 1
#endif
#if defined(__SANITIZE_ADDRESS__)
#define RACELAB_TEST_ASAN 1
#endif

#ifdef RACELAB_TEST_TSAN
inline constexpr bool kTsanBuild = true;
#else
inline constexpr bool kTsanBuild = false;
#endif
#ifdef RACELAB_TEST_ASAN
inline constexpr bool kAsanBuild = true;
#else
inline constexpr bool kAsanBuild = false;
#endif

}  // namespace racelab::harness
