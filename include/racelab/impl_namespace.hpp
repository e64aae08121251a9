// racelab/impl_namespace.hpp — the namespace an implementation folder writes its code in.
//
// The build compiles each folder (buggy/, fixed/, complete/) once per backend and names the folder
// in RACELAB_IMPL. The sources stay identical in name and shape, so `diff -r buggy fixed` is the
// lesson, while racelab::buggy::model::Registry and racelab::buggy::real::Registry live side by
// side in one binary. Code in the same build refers to racelab::buggy::Registry (inline namespace).
#pragma once

#include "racelab/sync.hpp"

#ifndef RACELAB_IMPL
#error "racelab: RACELAB_IMPL (buggy, fixed or complete) must be set by the build"
#endif
#define RACELAB_IMPL_NAMESPACE_(impl, backend) racelab::impl::inline backend
#define RACELAB_IMPL_NAMESPACE_X_(impl, backend) RACELAB_IMPL_NAMESPACE_(impl, backend)
#define RACELAB_IMPL_NAMESPACE RACELAB_IMPL_NAMESPACE_X_(RACELAB_IMPL, RACELAB_BACKEND_NAME)
