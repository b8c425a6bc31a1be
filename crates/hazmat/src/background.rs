//! A small pool of low-priority threads for the addon's CPU-heavy promises: the slow password
//! hashes' `deriveAsync`, RSA `generatePrivateKeyAsync` and DSA/DH `generateParametersAsync`.
//!
//! Why not libuv's pool (napi `AsyncTask`): four 64 MiB Argon2id derivations on a 2-core machine
//! are four CPU-bound threads at the JavaScript thread's own priority, and the scheduler then
//! sometimes lets the JavaScript thread wait several milliseconds to wake up. Lowering the
//! priority of libuv's threads is not possible either: they are shared with the rest of Node
//! (fs, dns, zlib) and an unprivileged thread can never raise its priority back. So hazmat owns
//! these threads, lowers each one once when it starts (nice 10 on Linux, see
//! [`lower_current_thread_priority`]), and settles a promise (a napi deferred, delivered through
//! a threadsafe function) when a job is done.
//!
//! The JavaScript thread never waits for a lock that a low-priority thread may hold: such a
//! thread, preempted inside the lock by normal-priority work, could keep the JavaScript thread
//! blocked for as long as it is starved (priority inversion). Settling a deferred takes locks
//! the JavaScript thread takes too (the threadsafe function's queue), and so would a job queue
//! shared with the pool threads. So one normal-priority thread, the courier, stands between:
//! JavaScript threads hand it jobs, it hands them to the pool threads, and the pool threads hand
//! it back the results to settle. The courier may wait on a pool thread; that only delays a
//! result, never the event loop.
//!
//! - At most [`max_threads`] pool threads: one per CPU the process may use, capped so that a
//!   large machine does not hold dozens of 64 MiB Argon2id buffers at once; more jobs wait.
//! - Pool threads start on demand and end after [`IDLE_EXIT`] without work; the courier starts
//!   with the first job and then stays, parked. No thread of this file keeps Node alive: what
//!   does is a pending deferred's threadsafe function, released when the promise settles (and
//!   aborted by napi-rs if its environment, e.g. a `worker_threads` Worker, ends first; the late
//!   result is then dropped).
//! - One pool per process, shared by the main thread and every Worker that loads the addon.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::{self, Thread};
use std::time::Duration;

use napi::bindgen_prelude::{Object, ToNapiValue};
use napi::{Env, JsDeferred, Status};

/// How long a pool thread waits for work before it ends.
pub const IDLE_EXIT: Duration = Duration::from_secs(10);

/// The most pool threads: each may hold one derivation's memory.
const THREAD_CAP: usize = 8;

/// Settles one job's promise; run by the courier, never by a low-priority thread.
type Settlement = Box<dyn FnOnce() + Send>;

/// One queued job: `run` computes (on a pool thread) and says how to settle its promise;
/// `refuse` settles it with an error instead (no pool thread could be started). Either way the
/// promise settles exactly once: an unsettled deferred would keep the event loop alive forever.
trait Job: Send {
    fn run(self: Box<Self>) -> Settlement;
    fn refuse(self: Box<Self>, error: napi::Error) -> Settlement;
}

type Resolver<T> = Box<dyn FnOnce(Env) -> napi::Result<T>>;

struct Promised<O, T: ToNapiValue + 'static, W> {
    work: W,
    finish: fn(O) -> T,
    deferred: JsDeferred<T, Resolver<T>>,
}

impl<O, T, W> Job for Promised<O, T, W>
where
    O: Send + 'static,
    T: ToNapiValue + 'static,
    W: FnOnce() -> napi::Result<O> + Send,
{
    fn run(self: Box<Self>) -> Settlement {
        let Promised {
            work,
            finish,
            deferred,
        } = *self;
        // A panic rejects the promise rather than leaving it pending.
        let outcome = catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|_| {
            Err(napi::Error::new(
                Status::GenericFailure,
                "hazmat: a background job panicked",
            ))
        });
        Box::new(move || match outcome {
            Ok(output) => deferred.resolve(Box::new(move |_env| Ok(finish(output)))),
            Err(error) => deferred.reject(error),
        })
    }

    fn refuse(self: Box<Self>, error: napi::Error) -> Settlement {
        let deferred = self.deferred;
        Box::new(move || deferred.reject(error))
    }
}

/// What the courier and the pool threads share (locked by those threads only).
struct Work {
    queue: VecDeque<Box<dyn Job>>,
    threads: usize,
    /// Pool threads waiting for work (including ones notified that have not woken yet).
    idle: usize,
}

struct Pool {
    /// Jobs from JavaScript threads for the courier (locked by normal-priority threads only).
    requests: Mutex<Vec<Box<dyn Job>>>,
    /// Finished jobs from the pool threads for the courier to settle.
    settlements: Mutex<Vec<Settlement>>,
    work: Mutex<Work>,
    work_ready: Condvar,
    max_threads: usize,
    /// Woken (`unpark`, which takes no lock) when `requests` or `settlements` gain an entry.
    courier: OnceLock<Thread>,
    /// Serializes the courier's start between JavaScript threads.
    courier_start: Mutex<()>,
}

/// The pool's size: the CPUs this process may use (cgroup quotas and affinity included), at
/// least one and at most [`THREAD_CAP`].
pub fn max_threads() -> usize {
    thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, THREAD_CAP)
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| Pool {
        requests: Mutex::new(Vec::new()),
        settlements: Mutex::new(Vec::new()),
        work: Mutex::new(Work {
            queue: VecDeque::new(),
            threads: 0,
            idle: 0,
        }),
        work_ready: Condvar::new(),
        max_threads: max_threads(),
        courier: OnceLock::new(),
        courier_start: Mutex::new(()),
    })
}

/// Jobs and settlements run outside every lock and catch their panics, so a poisoned lock only
/// means a panic in this file's bookkeeping; the data is still consistent enough to go on.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Pool {
    /// Queues `job` for the courier (on a JavaScript thread), starting the courier first if
    /// needed.
    fn submit(&'static self, job: Box<dyn Job>) -> napi::Result<()> {
        let courier = self.courier()?;
        lock(&self.requests).push(job);
        courier.unpark();
        Ok(())
    }

    fn courier(&'static self) -> napi::Result<&'static Thread> {
        if let Some(courier) = self.courier.get() {
            return Ok(courier);
        }
        let _starting = lock(&self.courier_start);
        if let Some(courier) = self.courier.get() {
            return Ok(courier);
        }
        let started = thread::Builder::new()
            .name("hazmat-courier".into())
            .spawn(move || self.deliver())
            .map_err(|error| cannot_start("the courier thread", &error))?;
        Ok(self.courier.get_or_init(|| started.thread().clone()))
    }

    /// The courier, at normal priority: hands jobs to the pool threads and settles what they
    /// finish, then parks until there is more.
    fn deliver(&'static self) {
        loop {
            let requests = std::mem::take(&mut *lock(&self.requests));
            let settlements = std::mem::take(&mut *lock(&self.settlements));
            if requests.is_empty() && settlements.is_empty() {
                // An `unpark` since the two takes above makes this return at once.
                thread::park();
                continue;
            }
            for job in requests {
                if let Some(refused) = self.dispatch(job) {
                    refused();
                }
            }
            for settle in settlements {
                settle();
            }
        }
    }

    /// Queues `job` for the pool threads, starting one if every thread is busy and the pool is
    /// not full. When no thread runs and none can start, the job is refused instead.
    fn dispatch(&'static self, job: Box<dyn Job>) -> Option<Settlement> {
        let mut work = lock(&self.work);
        work.queue.push_back(job);
        if work.idle > 0 {
            self.work_ready.notify_one();
        }
        // Every queued job beyond the idle threads wants a thread of its own, up to the cap.
        if work.queue.len() <= work.idle || work.threads >= self.max_threads {
            return None;
        }
        work.threads += 1;
        drop(work);
        let spawned = thread::Builder::new()
            .name("hazmat-background".into())
            .spawn(move || self.serve());
        let error = spawned.err()?;
        let mut work = lock(&self.work);
        work.threads -= 1;
        if work.threads > 0 {
            return None;
        }
        // Nobody would ever run the queue: refuse what is in it (this job, at most).
        let refused: Vec<_> = work.queue.drain(..).collect();
        drop(work);
        let settlements: Vec<_> = refused
            .into_iter()
            .map(|job| job.refuse(cannot_start("a background thread", &error)))
            .collect();
        Some(Box::new(move || settlements.into_iter().for_each(|s| s())))
    }

    /// A pool thread: lowers its priority once, then runs jobs until it has been idle for
    /// [`IDLE_EXIT`], handing each result to the courier.
    fn serve(&'static self) {
        lower_current_thread_priority();
        let mut work = lock(&self.work);
        loop {
            if let Some(job) = work.queue.pop_front() {
                drop(work);
                let settle = job.run();
                lock(&self.settlements).push(settle);
                if let Some(courier) = self.courier.get() {
                    courier.unpark();
                }
                work = lock(&self.work);
                continue;
            }
            work.idle += 1;
            let (next, wait) = self
                .work_ready
                .wait_timeout(work, IDLE_EXIT)
                .unwrap_or_else(PoisonError::into_inner);
            work = next;
            work.idle -= 1;
            if wait.timed_out() && work.queue.is_empty() {
                work.threads -= 1;
                return;
            }
        }
    }
}

fn cannot_start(what: &str, error: &std::io::Error) -> napi::Error {
    napi::Error::new(
        Status::GenericFailure,
        format!("hazmat: cannot start {what}: {error}"),
    )
}

/// Runs `work` on the pool and returns a promise of `finish(output)` (called on the JavaScript
/// thread, where JS values can be made); an error from `work` rejects the promise with it, as a
/// napi `AsyncTask` would.
pub fn promise<'env, O, T, W>(
    env: &'env Env,
    work: W,
    finish: fn(O) -> T,
) -> napi::Result<Object<'env>>
where
    O: Send + 'static,
    T: ToNapiValue + 'static,
    W: FnOnce() -> napi::Result<O> + Send + 'static,
{
    let pool = pool();
    // Started before the deferred exists: a deferred that never settled would keep the event
    // loop alive forever.
    pool.courier()?;
    let (deferred, promise) = env.create_deferred::<T, Resolver<T>>()?;
    pool.submit(Box::new(Promised {
        work,
        finish,
        deferred,
    }))?;
    Ok(promise)
}

/// Puts the calling thread behind the JavaScript thread: nice 10 (CPU weight 110 against the
/// JavaScript thread's 1024, the usual "background" level), so a waking JavaScript thread
/// normally preempts it at once instead of waiting for a scheduler tick. Linux priorities are
/// per thread (PRIO_PROCESS with `who` 0 is the calling thread), and an unprivileged thread can
/// never raise its priority back, which is why only the pool's own threads call this.
///
/// Measured on 2 cores (four 64 MiB Argon2id derivations; "busy": two other normal-priority
/// threads of the same scheduling group spinning): nice 10, 19 and `SCHED_IDLE` gave about the
/// same event-loop lag when the machine was otherwise idle (p99 1.2 ms, max mostly under 5 ms,
/// against 7-9 ms max on libuv's threads), but when busy the derivations took about 4.5 s at
/// nice 10, 30 s at nice 19 and 150 s with `SCHED_IDLE`, which also stalled the JavaScript thread
/// for up to 2.8 s (presumably on a kernel lock of the address space held by a starved thread).
/// libuv's threads: 0.6 s when busy.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn lower_current_thread_priority() {
    use std::ffi::{c_int, c_uint};

    const PRIO_PROCESS: c_int = 0;
    const NICE_BACKGROUND: c_int = 10;

    unsafe extern "C" {
        fn setpriority(which: c_int, who: c_uint, prio: c_int) -> c_int;
    }

    // SAFETY: plain integer arguments (glibc's and musl's prototypes agree on them). Failing
    // leaves the thread at normal priority, which is what libuv's threads have.
    let _ = unsafe { setpriority(PRIO_PROCESS, 0, NICE_BACKGROUND) };
}

/// Elsewhere the threads keep their normal priority (what libuv's threads have): the lag this
/// pool addresses was measured on Linux, and the per-thread equivalents (Windows
/// `SetThreadPriority(THREAD_PRIORITY_BELOW_NORMAL)`, macOS `pthread_set_qos_class_self_np`
/// with a utility QoS) are left for when they can be measured there.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn lower_current_thread_priority() {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::mpsc;
    use std::thread::ThreadId;

    /// The calling thread's scheduling policy and nice value, from `/proc/thread-self/stat`.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn policy_and_nice() -> (i64, i64) {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        // Fields after the command name: the state is field 3, the nice value field 19 and the
        // scheduling policy field 41 (proc(5)).
        let fields: Vec<&str> = stat.rsplit_once(") ").unwrap().1.split(' ').collect();
        (
            fields[41 - 3].parse().unwrap(),
            fields[19 - 3].parse().unwrap(),
        )
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn policy_and_nice() -> (i64, i64) {
        (0, 0)
    }

    fn lowered((policy, nice): (i64, i64)) -> bool {
        !cfg!(any(target_os = "linux", target_os = "android")) || (policy == 0 && nice == 10)
    }

    /// Where a job ran and where it was settled: thread, name, policy and nice.
    type Seen = ((ThreadId, (i64, i64)), (Option<String>, (i64, i64)));

    /// A job that reports the thread it ran on, and the thread its settlement ran on.
    struct Probe(mpsc::Sender<Seen>);

    impl Job for Probe {
        fn run(self: Box<Self>) -> Settlement {
            // Long enough that the queue fills up and the pool grows to its cap.
            thread::sleep(Duration::from_millis(20));
            let ran = (thread::current().id(), policy_and_nice());
            Box::new(move || {
                let settled = (
                    thread::current().name().map(String::from),
                    policy_and_nice(),
                );
                let _ = self.0.send((ran, settled));
            })
        }

        fn refuse(self: Box<Self>, error: napi::Error) -> Settlement {
            panic!("refused: {error}");
        }
    }

    #[test]
    fn jobs_run_on_at_most_max_threads_lowered_threads_and_settle_on_the_courier() {
        let (sender, results) = mpsc::channel();
        let jobs = 3 * max_threads() + 1;
        for _ in 0..jobs {
            pool().submit(Box::new(Probe(sender.clone()))).unwrap();
        }
        drop(sender);
        let seen: Vec<Seen> = results.iter().collect();
        assert_eq!(seen.len(), jobs, "every job ran and settled once");
        let threads: HashSet<_> = seen.iter().map(|((id, _), _)| *id).collect();
        assert!(threads.len() <= max_threads(), "{} threads", threads.len());
        assert!(!threads.contains(&thread::current().id()));
        for ((_, ran), (settled_on, settled)) in seen {
            assert!(lowered(ran), "ran at {ran:?}");
            assert_eq!(settled_on.as_deref(), Some("hazmat-courier"));
            assert_eq!(
                settled,
                policy_and_nice(),
                "the courier keeps its creator's priority"
            );
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn lowering_changes_the_calling_thread_only() {
        let before = policy_and_nice();
        let after = thread::spawn(|| {
            lower_current_thread_priority();
            policy_and_nice()
        })
        .join()
        .unwrap();
        assert!(lowered(after), "{after:?}");
        assert_eq!(policy_and_nice(), before);
    }
}
