#include "play_words.hpp"

namespace racelab::cli {
namespace {

const PlayWords kEnglishPlayWords{
    "you are the scheduler: at each step, pick the thread that runs next.",
    "goal",
    "(your exercise/ is meant to be safe here: once your fix is right, no schedule reaches the "
    "goal. Try to break it.)",
    "({} is declared safe here: no schedule should reach the goal. Try.)",
    "starting from schedule {}",
    "(only {} can run)",
    "step {} · who runs next? [{}, ?=hint, u=undo, t=timeline, q=quit] > ",
    "next: ",
    "blocked: ",
    "✗ the goal is now unreachable: no way this run can go on from here reaches it ({} explored)",
    " — u undoes your last choice",
    "✓ the goal is now unavoidable: every way this run can go on from here reaches it ({} "
    "explored)",
    "the goal is within reach again, not certain: {} of {} continuations reach it",
    "is blocked right now",
    "is not a thread that can run",
    "'{}' {} (accepted: {}, ?, u, t or q)",
    "nothing to undo",
    "undone: back at step {}",
    "✓ goal reached in {} steps",
    "(then every thread ran on to its end: {} steps in all)",
    "outcome: ",
    "your schedule: ",
    "replay it:  ",
    "try again:  ",
    "the run ended after {} steps without reaching the goal · outcome: {}",
    "{} at step {} · your schedule so far: {}",
    "input ended",
    "you stopped",
    "(empty)",
    "continue:  ",
    " in {}",
    "hint: run {} — {}",
    "from there {} of {} random continuations reach the goal",
    "hint: no random continuation from here reaches the goal; u undoes a step",
    "hint: from here no choice reaches the goal any more; u undoes a step",
    "from there the goal is certain, whatever runs next",
    "from there the goal is still possible",
    "that choice closes the goal off",
    "{} instead: {}; {}",
    "level tip: ",
    "level {} of {}",
    "What you learned",
    "next level: ",
    "that was the last level: you have played the whole course. Now fix the code: racelab "
    "exercises",
    "levels, in order: the course's exercises as games · play one: racelab play --level N",
    "(progress is not saved: a level's command starts it any time)",
};

const PlayWords kSpanishPlayWords{
    "tú eres el planificador: en cada paso, elige el hilo que se ejecuta a continuación.",
    "objetivo",
    "(tu exercise/ debería ser seguro aquí: cuando tu arreglo sea correcto, ninguna planificación "
    "alcanza el objetivo. Intenta romperlo.)",
    "({} está declarado seguro aquí: ninguna planificación debería alcanzar el objetivo. "
    "Inténtalo.)",
    "empezando desde la planificación {}",
    "(solo {} puede ejecutarse)",
    "paso {} · ¿quién se ejecuta ahora? [{}, ?=pista, u=deshacer, t=cronología, q=salir] > ",
    "siguiente: ",
    "bloqueado: ",
    "✗ el objetivo ya es inalcanzable: ninguna forma en que esta ejecución puede seguir desde "
    "aquí lo alcanza ({} exploradas)",
    " — u deshace tu última elección",
    "✓ el objetivo ya es inevitable: toda forma en que esta ejecución puede seguir desde aquí "
    "lo alcanza ({} exploradas)",
    "el objetivo vuelve a estar al alcance, no es seguro: {} de {} continuaciones lo alcanzan",
    "está bloqueado ahora mismo",
    "no es un hilo que pueda ejecutarse",
    "'{}' {} (se acepta: {}, ?, u, t o q)",
    "no hay nada que deshacer",
    "deshecho: de vuelta en el paso {}",
    "✓ objetivo alcanzado en {} pasos",
    "(después cada hilo siguió hasta su final: {} pasos en total)",
    "resultado: ",
    "tu planificación: ",
    "reprodúcela:  ",
    "otra vez:  ",
    "la ejecución terminó tras {} pasos sin alcanzar el objetivo · resultado: {}",
    "{} en el paso {} · tu planificación hasta ahora: {}",
    "la entrada terminó",
    "has parado",
    "(vacía)",
    "continúa:  ",
    " en {}",
    "pista: ejecuta {} — {}",
    "desde ahí {} de {} continuaciones al azar alcanzan el objetivo",
    "pista: ninguna continuación al azar alcanza el objetivo desde aquí; u deshace un paso",
    "pista: desde aquí ninguna elección alcanza ya el objetivo; u deshace un paso",
    "desde ahí el objetivo es seguro, se ejecute lo que se ejecute",
    "desde ahí el objetivo sigue siendo posible",
    "esa elección cierra el camino al objetivo",
    "{} en su lugar: {}; {}",
    "consejo del nivel: ",
    "nivel {} de {}",
    "Lo que aprendiste",
    "siguiente nivel: ",
    "ese era el último nivel: has jugado todo el curso. Ahora arregla el código: racelab "
    "exercises",
    "niveles, en orden: los ejercicios del curso como juegos · juega uno: racelab play --level N",
    "(el progreso no se guarda: el comando de un nivel lo empieza cuando quieras)",
};

}  // namespace

const PlayWords& play_words(course::Language language) {
  return language == course::Language::es ? kSpanishPlayWords : kEnglishPlayWords;
}

std::string fill(const std::string& pattern, std::initializer_list<std::string> args) {
  std::string out;
  std::size_t from = 0;
  for (const std::string& a : args) {
    const auto at = pattern.find("{}", from);
    if (at == std::string::npos) break;
    out += pattern.substr(from, at - from) + a;
    from = at + 2;
  }
  return out + pattern.substr(from);
}

}  // namespace racelab::cli
