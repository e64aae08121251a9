#include "racelab/invisible_lock.hpp"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RACELAB_UNDER_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define RACELAB_UNDER_TSAN 1
#endif

#ifdef RACELAB_UNDER_TSAN
// TSan's dynamic-annotation entry points (tsan_interface_ann.cpp in compiler-rt).
extern "C" {
void AnnotateIgnoreSyncBegin(const char* file, int line);
void AnnotateIgnoreSyncEnd(const char* file, int line);
void AnnotateIgnoreReadsBegin(const char* file, int line);
void AnnotateIgnoreReadsEnd(const char* file, int line);
void AnnotateIgnoreWritesBegin(const char* file, int line);
void AnnotateIgnoreWritesEnd(const char* file, int line);
}
#endif

namespace racelab::detail {

invisible_lock::invisible_lock(std::mutex& m) : m_(m) {
#ifdef RACELAB_UNDER_TSAN
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
#endif
  m_.lock();
}

invisible_lock::~invisible_lock() {
  m_.unlock();
#ifdef RACELAB_UNDER_TSAN
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
#endif
}

}  // namespace racelab::detail
