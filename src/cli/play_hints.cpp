#include "play_hints.hpp"

#include <optional>

#include "play_words.hpp"

namespace racelab::cli {
namespace {

using model::OpKind;
using model::Step;

// The reasons, in both languages. Blanks in order: see each one's comment.
struct Reasons {
  const char* lost_update;         // X, U, X
  const char* same_old_value;      // X, U
  const char* read_before_write;   // X, U, U's op
  const char* overwrite_lost;      // X, U, U, U
  const char* stale;               // X, op, U, U
  const char* write_before_read;   // X, op, U, U
  const char* write_write;         // U, X
  const char* lock_against_order;  // L, U, M, L, M
  const char* lock_first;          // L, U
  const char* unlock_wakes;        // L, U
  const char* notify_nobody;       // C, C
  const char* notify_wakes;        // C, U
  const char* wait_after_notify;   // C, U, C
  const char* wait;                // C, C
  const char* conflict;            // op, U, U's op, X
  const char* spawn;               // X
  const char* independent;         // op
  const char* exits;               //
};

const Reasons kEnglishReasons{
    "it reads {} while {} has read {} and not written it back yet: both will write a value "
    "decided from the same old one, and one write will overwrite the other — one update is lost",
    "it reads {} while {} has read it too and not changed it yet: both act on the same old "
    "value, so whatever one decides from it the other decides as well (check-then-act)",
    "it reads {} before {} changes it ({}): it sees the old value",
    "it writes {} after {} read it, and {} writes it next: {} will write its stale value over "
    "this one — one update is lost",
    "it changes {} ({}) after {} read it: {} goes on acting on a value that is no longer true "
    "(check-then-act)",
    "it changes {} ({}) before {} reads it: {} will see the new value",
    "it and {} both change {} next: whichever runs last decides what stays",
    "it takes {} while {} holds {} and waits to take {}: if it then needs {}, each thread holds "
    "what the other waits for — a deadlock",
    "it takes {} first: {} will have to wait until it lets go",
    "it releases {}: {}, waiting for it, can go on",
    "it notifies {} while no thread waits on it: the notification is lost, and a thread that "
    "waits on {} afterwards sleeps until a next notify that may never come (a lost wake-up)",
    "it notifies {}: {}, waiting on it, wakes up",
    "it starts waiting on {}, but {} already notified {}: that notify is gone and nothing will "
    "wake it (a lost wake-up)",
    "it starts waiting on {} and lets go of its lock: it sleeps until someone notifies {}",
    "its next step ({}) and {}'s ({}) both use {}, and one changes it: their order decides what "
    "each sees",
    "it starts {}: one more thread joins the race",
    "its next step ({}) touches nothing the other threads' next steps use: it commutes with "
    "them, so only its order against their later steps can matter",
    "it ends: nothing another thread uses changes",
};

const Reasons kSpanishReasons{
    "lee {} mientras {} ya ha leído {} y aún no lo ha vuelto a escribir: ambos escribirán un "
    "valor decidido a partir del mismo valor viejo, y una escritura pisará a la otra — se pierde "
    "una actualización",
    "lee {} mientras {} también lo ha leído y aún no lo ha cambiado: ambos actúan sobre el mismo "
    "valor viejo, así que lo que uno decida a partir de él lo decide también el otro "
    "(comprobar-y-actuar)",
    "lee {} antes de que {} lo cambie ({}): ve el valor viejo",
    "escribe {} después de que {} lo leyera, y {} lo escribe a continuación: {} escribirá su "
    "valor obsoleto encima de este — se pierde una actualización",
    "cambia {} ({}) después de que {} lo leyera: {} sigue actuando según un valor que ya no es "
    "cierto (comprobar-y-actuar)",
    "cambia {} ({}) antes de que {} lo lea: {} verá el valor nuevo",
    "tanto él como {} cambian {} a continuación: el que se ejecute último decide lo que queda",
    "toma {} mientras {} tiene {} y espera para tomar {}: si después necesita {}, cada hilo "
    "tiene lo que el otro espera — un interbloqueo (deadlock)",
    "toma {} primero: {} tendrá que esperar a que lo suelte",
    "suelta {}: {}, que lo esperaba, puede seguir",
    "notifica {} sin que ningún hilo lo espere: la notificación se pierde, y un hilo que espere "
    "en {} después dormirá hasta una próxima notificación que quizá nunca llegue (un despertar "
    "perdido)",
    "notifica {}: {}, que lo esperaba, se despierta",
    "empieza a esperar en {}, pero {} ya notificó {}: esa notificación se perdió y nada lo "
    "despertará (un despertar perdido)",
    "empieza a esperar en {} y suelta su cerrojo: duerme hasta que alguien notifique {}",
    "su siguiente paso ({}) y el de {} ({}) usan {}, y uno lo cambia: su orden decide lo que ve "
    "cada uno",
    "arranca {}: un hilo más entra en la carrera",
    "su siguiente paso ({}) no toca nada que usen los siguientes pasos de los otros hilos: "
    "conmuta con ellos, así que solo puede importar su orden respecto a sus pasos posteriores",
    "termina: no cambia nada que use otro hilo",
};

bool reads(OpKind k) { return k == OpKind::read || k == OpKind::load; }
bool writes(OpKind k) { return k == OpKind::write || k == OpKind::store || k == OpKind::rmw; }
// Operations on an object's content (a variable, an atomic, a queue) that change it.
bool changes(OpKind k) {
  return writes(k) || k == OpKind::put || k == OpKind::get || k == OpKind::close;
}
bool accesses(OpKind k) { return reads(k) || changes(k); }

// The last step of `thread` in the trace that read or changed `object`.
std::optional<Step> last_access(const model::Trace& trace, int thread, const std::string& object) {
  for (auto it = trace.steps.rbegin(); it != trace.steps.rend(); ++it) {
    if (it->thread == thread && it->object == object && accesses(it->kind)) return *it;
  }
  return std::nullopt;
}

class Explainer {
 public:
  Explainer(const model::Probe& p, int thread, const Reasons& r)
      : p_(p), r_(r), op_(next_of(thread)), me_(thread) {}

  std::string operator()() const {
    const OpKind k = op_.kind;
    if (reads(k)) return on_read();
    if (changes(k)) return on_change();
    if (k == OpKind::lock || k == OpKind::acquire) return on_lock();
    if (k == OpKind::unlock || k == OpKind::release) return on_unlock();
    if (k == OpKind::notify) return on_notify();
    if (k == OpKind::wait) return on_wait();
    if (k == OpKind::spawn) return fill(r_.spawn, {op_.object});
    if (k == OpKind::exit) return r_.exits;
    return independent();
  }

 private:
  Step next_of(int thread) const {
    for (const auto& t : p_.next) {
      if (t.thread == thread) return t.op;
    }
    return {};
  }

  // The other live threads, in id order.
  template <class F>
  const model::ThreadNext* find_other(F&& pred) const {
    for (const auto& t : p_.next) {
      if (t.thread != me_ && pred(t)) return &t;
    }
    return nullptr;
  }

  bool read_and_not_written(const model::ThreadNext& t) const {
    const auto last = last_access(p_.trace, t.thread, op_.object);
    return last && reads(last->kind);
  }

  std::string on_read() const {
    const std::string& x = op_.object;
    if (const auto* u = find_other([&](const auto& t) {
          return read_and_not_written(t) && writes(t.op.kind) && t.op.object == x;
        })) {
      return fill(r_.lost_update, {x, u->name, x});
    }
    if (const auto* u = find_other([&](const auto& t) { return read_and_not_written(t); })) {
      return fill(r_.same_old_value, {x, u->name});
    }
    if (const auto* u =
            find_other([&](const auto& t) { return changes(t.op.kind) && t.op.object == x; })) {
      return fill(r_.read_before_write, {x, u->name, model::op_text(u->op)});
    }
    return independent();
  }

  std::string on_change() const {
    const std::string& x = op_.object;
    const std::string what = model::op_text(op_);
    if (const auto* u = find_other([&](const auto& t) {
          return read_and_not_written(t) && writes(t.op.kind) && t.op.object == x;
        })) {
      return fill(r_.overwrite_lost, {x, u->name, u->name, u->name});
    }
    if (const auto* u = find_other([&](const auto& t) { return read_and_not_written(t); })) {
      return fill(r_.stale, {x, what, u->name, u->name});
    }
    if (const auto* u =
            find_other([&](const auto& t) { return reads(t.op.kind) && t.op.object == x; })) {
      return fill(r_.write_before_read, {x, what, u->name, u->name});
    }
    if (const auto* u =
            find_other([&](const auto& t) { return changes(t.op.kind) && t.op.object == x; })) {
      return fill(r_.write_write, {u->name, x});
    }
    return independent();
  }

  std::string on_lock() const {
    const std::string& l = op_.object;
    // Another thread holds a lock and waits for this one: taking it now crosses their orders.
    if (const auto* u = find_other([&](const auto& t) {
          return t.op.kind == op_.kind && t.op.object == l && !t.op.locks_held.empty() &&
                 t.op.locks_held.back() != l;
        })) {
      const std::string& m = u->op.locks_held.back();
      return fill(r_.lock_against_order, {l, u->name, m, l, m});
    }
    if (const auto* u =
            find_other([&](const auto& t) { return t.op.kind == op_.kind && t.op.object == l; })) {
      return fill(r_.lock_first, {l, u->name});
    }
    return independent();
  }

  std::string on_unlock() const {
    const auto* u = find_other([&](const auto& t) {
      return !t.enabled && (t.op.kind == OpKind::lock || t.op.kind == OpKind::acquire) &&
             t.op.object == op_.object;
    });
    return u != nullptr ? fill(r_.unlock_wakes, {op_.object, u->name}) : independent();
  }

  std::string on_notify() const {
    const std::string& c = op_.object;
    const auto* u =
        find_other([&](const auto& t) { return t.op.kind == OpKind::wake && t.op.object == c; });
    return u != nullptr ? fill(r_.notify_wakes, {c, u->name}) : fill(r_.notify_nobody, {c, c});
  }

  std::string on_wait() const {
    const std::string& c = op_.object;
    // A notify on c since this thread last woke from c reached nobody.
    for (auto it = p_.trace.steps.rbegin(); it != p_.trace.steps.rend(); ++it) {
      if (it->object != c) continue;
      if (it->thread == me_ && it->kind == OpKind::wake) break;
      if (it->thread != me_ && it->kind == OpKind::notify) {
        const std::size_t id = static_cast<std::size_t>(it->thread);
        const std::string who = id < p_.trace.threads.size() ? p_.trace.threads[id] : "";
        return fill(r_.wait_after_notify, {c, who, c});
      }
    }
    return fill(r_.wait, {c, c});
  }

  std::string independent() const {
    // A shared object, but the only other users of it read: no order matters between reads.
    if (const auto* u = find_other([&](const auto& t) {
          return !op_.object.empty() && t.op.object == op_.object &&
                 (changes(t.op.kind) || changes(op_.kind));
        })) {
      return fill(r_.conflict, {model::op_text(op_), u->name, model::op_text(u->op), op_.object});
    }
    return fill(r_.independent, {model::op_text(op_)});
  }

  const model::Probe& p_;
  const Reasons& r_;
  Step op_;
  int me_;
};

}  // namespace

std::string why_it_matters(const model::Probe& probe, int thread, course::Language language) {
  return Explainer(probe, thread,
                   language == course::Language::es ? kSpanishReasons : kEnglishReasons)();
}

}  // namespace racelab::cli
