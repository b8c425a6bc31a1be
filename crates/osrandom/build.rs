//! Emits `cfg(getrandom_linux_fallback)` on the targets where getrandom 0.4 picks its
//! `linux_android_with_fallback` backend (getrandom(2), falling back to /dev/urandom at run
//! time). The predicate mirrors that crate's `src/backends.rs`; keep them in step on upgrades.

use std::env;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(getrandom_linux_fallback)");
    println!("cargo::rerun-if-changed=build.rs");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let (os, arch, target_env) = (
        var("CARGO_CFG_TARGET_OS"),
        var("CARGO_CFG_TARGET_ARCH"),
        var("CARGO_CFG_TARGET_ENV"),
    );
    let android = os == "android" && ["aarch64", "arm", "x86", "x86_64"].contains(&arch.as_str());
    let linux = os == "linux"
        && ([
            "aarch64",
            "arm",
            "powerpc",
            "powerpc64",
            "s390x",
            "x86",
            "x86_64",
        ]
        .contains(&arch.as_str())
            || (target_env == "musl" && !arch.starts_with("riscv")));
    if android || linux {
        println!("cargo::rustc-cfg=getrandom_linux_fallback");
    }
}
