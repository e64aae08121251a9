// src/model/dependence.cpp — Mazurkiewicz dependence between the operations of two threads.
//
// Two steps of different threads are *dependent* when swapping them (where both are possible)
// can change what either does or what state results, or can enable or disable one of them.
// Everything DPOR prunes rests on this relation: a pair wrongly called independent makes DPOR
// skip real interleavings; a pair wrongly called dependent only costs extra schedules.
//
// Every operation falls in one of three classes; dependence follows from the classes alone:
//
//   class      kinds                                   why
//   ---------  --------------------------------------  -------------------------------------
//   none       yield, fence; any op with object -1      no shared effect, blocks nobody
//   observes   read (shared<T>), load (atomic), join    only looks: two of them commute
//   changes    write, lock, unlock, put, get, close,    changes the object's state, or when
//              spawn, start, exit, store, rmw, wait,    other ops on it are enabled
//              wake, notify, acquire, release
//
//   dependent(a, b)  <=>  a.object == b.object, neither is `none`, and not both `observe`.
//
// The table this gives, for two operations on the same object:
//
//             read  write  lock unlock  put get close  spawn start exit join  yield
//   read       -     D
//   write      D     D
//   lock                    D    D
//   unlock                  D    D                                                    (*)
//   put                                 D   D    D
//   get                                 D   D    D                                    (**)
//   close                               D   D    D
//   spawn                                              D     D     D    D
//   start                                              D     D     D    D
//   exit                                               D     D     D    D
//   join                                               D     D     D    -
//   yield                                                                        -
//
// Empty cells never meet on one object (a cell is never locked). Where they would, the rule
// above answers "dependent", the safe side.
//
//   read/read     independent: neither sees the other.
//   lock/lock     dependent: which one gets the mutex first decides who waits. Also a
//                 try_lock (reported as lock): its result depends on the order.
//   lock/unlock   dependent: an unlock enables a waiting lock.
//   (*) unlock/unlock: two threads never hold one mutex, so never both enabled; kept
//                 dependent so the relation needs no special case.
//   put/put       dependent: the queue is FIFO, the order decides which get takes which item.
//   (**) get/get  dependent: which thread takes the item (and which one blocks) depends on
//                 the order. put/get: a put enables a waiting get. close: a closed queue
//                 refuses puts and wakes every get.
//   thread ops    a thread's pseudo-object: spawn creates it, start and exit are its first and
//                 last step, join waits for exit. All ordered; only two joins of one thread
//                 commute (both only wait for the same exit).
//   yield         a labelled scheduling point: commutes with everything.
//   atomics       load/load commute; store and rmw (even a failed compare_exchange, declared
//                 before it runs) change the value. A fence only orders its own thread's view.
//   condvars      wait, wake and notify on one condition variable are all ordered: whether a
//                 notify comes before or after a wait decides whether it wakes it.
//   semaphores    acquire and release change the count (a try_acquire too: its result depends
//                 on the order).
//   shared locks  lock_shared is reported as lock: two of them are called dependent, which
//                 costs schedules but never misses one.
//   phases        a latch's or barrier's wait (and try_wait) is a load flagged kOpPhaseWait; a step
//                 that ends a phase (a latch's count_down, a barrier's completion) a release
//                 flagged kOpPhaseEnd; a barrier's other arrivals plain releases. A wait is
//                 dependent with the ends only: it returns once its phase ended and reads what that
//                 phase left, which no arrival of a later phase changes, and an arrival does not
//                 look at who waited. (A wait for phase p and the end of phase p + 1 commute too,
//                 but the operations do not carry their phase: called dependent, the safe side —
//                 and in an arrive_and_wait loop a thread waits for p before it arrives in p + 1,
//                 so the pair is never concurrent.) DPOR's summary keeps the last end and the waits
//                 since it apart from the other accesses (dpor_impl.hpp, Object).
// The code is op_effect() and dependent() in scheduler.hpp (inline: they are asked for many pairs
// at every step); this file is their explanation.
#include "model/strategies/scheduler.hpp"
