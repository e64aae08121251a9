// Built only while src/model/dependence.cpp does not exist (see src/model/CMakeLists.txt): the
// conservative relation (same object, not both reads) so that anything using it stays sound.
#include "../strategy.hpp"

namespace racelab::model::detail {

bool dependent(const OpDesc& a, const OpDesc& b) {
  if (a.object < 0 || a.object != b.object) return false;
  if (a.kind == OpKind::yield || b.kind == OpKind::yield) return false;
  return !(a.kind == OpKind::read && b.kind == OpKind::read);
}

const char* to_string(OpKind k) {
  switch (k) {
    case OpKind::start: return "start";
    case OpKind::yield: return "yield";
    case OpKind::read: return "read";
    case OpKind::write: return "write";
    case OpKind::lock: return "lock";
    case OpKind::unlock: return "unlock";
    case OpKind::put: return "put";
    case OpKind::get: return "get";
    case OpKind::close: return "close";
    case OpKind::spawn: return "spawn";
    case OpKind::join: return "join";
    case OpKind::exit: return "exit";
  }
  return "?";
}

}  // namespace racelab::model::detail
