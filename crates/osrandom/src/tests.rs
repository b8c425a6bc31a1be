//! Unit tests of the engine inside one process. They share OpenSSL's global RAND state, so each
//! takes `serial()` first. Fork tests live in `tests/fork.rs`, in a binary of their own.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use openssl::error::ErrorStack;
use openssl::rand::{rand_bytes, rand_priv_bytes};

use crate::ffi::OSSL_PROV_RANDOM_PRIVATE;
use crate::source::injection;
use crate::*;

static PUBLIC_REQUESTS: AtomicU64 = AtomicU64::new(0);
static PRIVATE_REQUESTS: AtomicU64 = AtomicU64::new(0);

/// Called by the provider callback in test builds: counts requests by kind.
pub(crate) fn record_request(which: std::ffi::c_int) {
    let counter = if which == OSSL_PROV_RANDOM_PRIVATE {
        &PRIVATE_REQUESTS
    } else {
        &PUBLIC_REQUESTS
    };
    counter.fetch_add(1, Ordering::SeqCst);
}

fn counts() -> (u64, u64) {
    (
        PUBLIC_REQUESTS.load(Ordering::SeqCst),
        PRIVATE_REQUESTS.load(Ordering::SeqCst),
    )
}

fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    let guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    install().expect("engine installs");
    activate().expect("engine activates");
    guard
}

fn draw(len: usize) -> Vec<u8> {
    let mut buf = vec![0u8; len];
    rand_bytes(&mut buf).expect("RAND_bytes succeeds");
    buf
}

#[test]
fn installed_engine_is_active_and_listed_by_openssl() {
    let _serial = serial();
    install().expect("install is idempotent");
    assert!(is_active());
    assert!(provider_available(), "OpenSSL lists the osrandom provider");
}

#[test]
fn draws_are_nonzero_and_differ() {
    let _serial = serial();
    let first = draw(500);
    let second = draw(500);
    assert!(first.iter().any(|&b| b != 0));
    assert_ne!(first, second);
}

#[test]
fn public_and_private_requests_and_key_generation_reach_the_engine() {
    let _serial = serial();
    let (public_before, private_before) = counts();
    draw(32);
    let (public_after, _) = counts();
    assert!(
        public_after > public_before,
        "RAND_bytes went to the engine"
    );

    let mut secret = [0u8; 32];
    rand_priv_bytes(&mut secret).unwrap();
    let (_, private_after) = counts();
    assert!(
        private_after > private_before,
        "RAND_priv_bytes went to the engine"
    );

    let (_, before_keys) = counts();
    let group = openssl::ec::EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).unwrap();
    openssl::ec::EcKey::generate(&group).unwrap();
    openssl::pkey::PKey::generate_ed25519().unwrap();
    let (_, after_keys) = counts();
    assert!(
        after_keys >= before_keys + 2,
        "EC and Ed25519 key generation drew private bytes from the engine"
    );
}

#[test]
fn builtin_then_osrandom_each_twice() {
    let _serial = serial();
    activate_builtin().unwrap();
    activate_builtin().unwrap();
    assert!(!is_active());
    let (public_before, _) = counts();
    let builtin_bytes = draw(64);
    assert_eq!(
        counts().0,
        public_before,
        "the built-in DRBG served this draw, not the engine"
    );
    assert!(builtin_bytes.iter().any(|&b| b != 0));

    activate().unwrap();
    activate().unwrap();
    assert!(is_active());
    draw(64);
    assert!(counts().0 > public_before, "the engine serves draws again");
}

#[test]
fn deactivate_if_active_follows_unregister_semantics() {
    let _serial = serial();
    assert!(
        deactivate_if_active().unwrap(),
        "active engine is switched off"
    );
    assert!(!is_active());
    assert!(
        !deactivate_if_active().unwrap(),
        "nothing changes when it is not the source"
    );
    assert!(!is_active());
    activate().unwrap();
}

fn failing_source(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    // Write half the buffer, then fail, as a source interrupted mid-request would.
    let half = buf.len() / 2;
    buf[..half].fill(0xAA);
    Err(getrandom::Error::UNEXPECTED)
}

fn expect_engine_error(stack: &ErrorStack) {
    let error = stack
        .errors()
        .iter()
        .find(|e| e.library() == Some(ERROR_LIBRARY_NAME))
        .unwrap_or_else(|| panic!("an osrandom_engine error is queued: {stack:?}"));
    assert_eq!(error.reason(), Some(implementation().failure_reason()));
}

#[test]
fn failing_source_fails_the_request_with_a_named_error_and_no_partial_output() {
    let _serial = serial();
    let _injected = injection::inject(failing_source);

    let mut buf = [0x55u8; 64];
    let stack = rand_bytes(&mut buf).expect_err("RAND_bytes must fail when the OS source fails");
    expect_engine_error(&stack);
    assert!(
        buf.iter().all(|&b| b == 0),
        "output is wiped, never returned half-filled"
    );
    if cfg!(target_os = "linux") {
        assert!(
            stack
                .errors()
                .iter()
                .any(|e| e.reason() == Some("getrandom() syscall failed."))
        );
    }

    let stack = rand_priv_bytes(&mut buf).expect_err("RAND_priv_bytes must fail too");
    expect_engine_error(&stack);

    let group = openssl::ec::EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).unwrap();
    let stack = openssl::ec::EcKey::generate(&group).expect_err("key generation must fail");
    expect_engine_error(&stack);
}

#[test]
fn a_panicking_source_does_not_unwind_into_openssl() {
    let _serial = serial();
    let _injected = injection::inject(|_| panic!("injected panic"));
    let mut buf = [0x55u8; 16];
    let stack = rand_bytes(&mut buf).expect_err("the request fails instead of unwinding");
    assert!(
        stack
            .errors()
            .iter()
            .any(|e| e.library() == Some(ERROR_LIBRARY_NAME))
    );
    assert!(buf.iter().all(|&b| b == 0));
    drop(_injected);
    draw(16);
}

#[test]
fn failures_recover_once_the_source_works_again() {
    let _serial = serial();
    {
        let _injected = injection::inject(failing_source);
        assert!(rand_bytes(&mut [0u8; 8]).is_err());
    }
    assert!(draw(32).iter().any(|&b| b != 0));
}

#[test]
fn linux_fallback_detection_by_injection() {
    use Implementation::*;
    assert_eq!(classify_linux_probe(true, Ok(())), Getrandom);
    assert_eq!(classify_linux_probe(true, Err(libc::ENOSYS)), DevUrandom);
    assert_eq!(classify_linux_probe(false, Ok(())), DevUrandom);
    let eperm = classify_linux_probe(true, Err(libc::EPERM));
    assert_eq!(
        eperm,
        if cfg!(target_os = "android") {
            Getrandom
        } else {
            DevUrandom
        }
    );
    assert_eq!(classify_linux_probe(true, Err(libc::EINTR)), Getrandom);
    assert_eq!(classify_linux_probe(true, Err(libc::EINVAL)), Getrandom);
}

#[test]
fn implementation_matches_the_platform() {
    let name = implementation().name();
    let expected: &[&str] = if cfg!(any(target_os = "linux", target_os = "android")) {
        &["getrandom", "/dev/urandom"]
    } else if cfg!(any(target_os = "macos", target_os = "openbsd")) {
        &["getentropy"]
    } else if cfg!(windows) {
        &["ProcessPrng", "RtlGenRandom"]
    } else {
        &[name]
    };
    assert!(
        expected.contains(&name),
        "{name} is not a source of this platform"
    );
}

#[test]
fn switching_from_many_threads_keeps_state_consistent() {
    let _serial = serial();
    let handles: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                for round in 0..200 {
                    if i == 0 {
                        if round % 2 == 0 {
                            activate_builtin()
                        } else {
                            activate()
                        }
                        .unwrap();
                    }
                    let mut buf = [0u8; 48];
                    rand_bytes(&mut buf).expect("every draw succeeds while switching");
                    assert!(buf.iter().any(|&b| b != 0));
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("no thread panicked");
    }
    // Thread 0's last switch (round 199, odd) activated the engine.
    assert!(is_active());
    let (public_before, _) = counts();
    draw(8);
    assert!(
        counts().0 > public_before,
        "state and OpenSSL agree after the storm"
    );
}
