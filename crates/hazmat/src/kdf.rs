//! Key derivation functions: PBKDF2-HMAC and scrypt (through `openssl::pkcs5`), HKDF, ConcatKDF
//! (SP 800-56C's one-step KDF, OpenSSL's "SSKDF"), X9.63 and Argon2id (through `EVP_KDF`, see
//! `openssl_ext::kdf`), and SP 800-108 KBKDF in counter mode over this crate's HMAC and CMAC.
//!
//! Every function is one derivation with all of its inputs: the façade keeps the parameters and
//! the one-use rule (PyCA's `AlreadyFinalized`) and calls here once per `derive`. Hash
//! algorithms come from the crate's one table ([`algorithm_by_id`]). The slow password hashes
//! (PBKDF2, scrypt, Argon2id) also run as [`DeriveTask`]s on hazmat's low-priority background
//! pool ([`crate::background`]), on copies of their inputs that are zeroized when the task ends.

use std::sync::OnceLock;

use napi::Env;
use napi::bindgen_prelude::{Buffer, BufferSlice, Object};
use napi_derive::napi;
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl_ext::kdf::{
    HKDF_MODE_EXPAND_ONLY, HKDF_MODE_EXTRACT_AND_EXPAND, Kdf, PARAM_ARGON2_AD, PARAM_ARGON2_LANES,
    PARAM_ARGON2_MEMCOST, PARAM_DIGEST, PARAM_INFO, PARAM_ITER, PARAM_KEY, PARAM_MAC, PARAM_MODE,
    PARAM_PASSWORD, PARAM_SALT, PARAM_SECRET, PARAM_THREADS, Param,
};
use zeroize::Zeroizing;

use crate::background;
use crate::errors::{ErrorCode, error, fetch_once, openssl_error};
use crate::hashes::{HashAlgorithm, algorithm_by_id};
use crate::mac::{CmacCtx, HmacCtx};

/// OpenSSL's HKDF refuses more than this many bytes of info (`HKDF_MAXINFO`).
pub const HKDF_MAX_INFO: usize = 32 * 1024;
/// OpenSSL's SSKDF and X963KDF refuse longer inputs and outputs (`SSKDF_MAX_INLEN`).
pub const SSKDF_MAX_LENGTH: usize = 1 << 30;

fn value_error(message: impl std::fmt::Display) -> napi::Error {
    error(ErrorCode::Value, message)
}

/// A zeroed output of `length` bytes; a request that cannot be allocated is an error.
fn output(length: usize) -> napi::Result<Vec<u8>> {
    let mut out = Vec::new();
    out.try_reserve_exact(length).map_err(|_| {
        error(
            ErrorCode::Internal,
            format!("could not allocate {length} bytes"),
        )
    })?;
    out.resize(length, 0);
    Ok(out)
}

/// The row of `hash_id` for a KDF built on a fixed-size digest (`kdf_name` says which, for
/// the message): extendable-output functions are refused, as HMAC and OpenSSL's SSKDF family
/// refuse them.
fn fixed_output_hash(hash_id: u32, kdf_name: &str) -> napi::Result<&'static HashAlgorithm> {
    let (row, _) = algorithm_by_id(hash_id)?;
    if row.xof {
        return Err(error(
            ErrorCode::UnsupportedAlgorithm,
            format!("{} is not supported for {kdf_name}", row.name),
        ));
    }
    Ok(row)
}

fn hmac_hash(hash_id: u32) -> napi::Result<&'static HashAlgorithm> {
    fixed_output_hash(hash_id, "HMAC")
}

fn hkdf_algorithm() -> napi::Result<&'static Kdf> {
    static HKDF: OnceLock<Kdf> = OnceLock::new();
    fetch_once(&HKDF, "EVP_KDF_fetch", || Kdf::fetch(c"HKDF"))
}

fn x963_algorithm() -> napi::Result<&'static Kdf> {
    static X963: OnceLock<Kdf> = OnceLock::new();
    fetch_once(&X963, "EVP_KDF_fetch", || Kdf::fetch(c"X963KDF"))
}

fn sskdf_algorithm() -> napi::Result<&'static Kdf> {
    static SSKDF: OnceLock<Kdf> = OnceLock::new();
    fetch_once(&SSKDF, "EVP_KDF_fetch", || Kdf::fetch(c"SSKDF"))
}

fn argon2id_algorithm() -> napi::Result<&'static Kdf> {
    static ARGON2ID: OnceLock<Kdf> = OnceLock::new();
    fetch_once(&ARGON2ID, "EVP_KDF_fetch", || Kdf::fetch(c"ARGON2ID"))
}

fn derive_with(
    kdf: &Kdf,
    what: &str,
    params: &[Param<'_>],
    length: usize,
) -> napi::Result<Vec<u8>> {
    let mut out = output(length)?;
    kdf.derive(params, &mut out)
        .map_err(|e| openssl_error(what, &e))?;
    Ok(out)
}

/// OpenSSL's PKCS5 and scrypt entry points take `int` lengths and counts.
fn fits_int(what: &str, value: usize) -> napi::Result<()> {
    if value <= i32::MAX as usize {
        Ok(())
    } else {
        Err(value_error(format!(
            "{what} must be at most {} (OpenSSL's limit), got {value}",
            i32::MAX
        )))
    }
}

/// PBKDF2 (RFC 8018) with HMAC over hash `hash_id`.
pub fn pbkdf2_hmac_bytes(
    hash_id: u32,
    length: usize,
    salt: &[u8],
    iterations: u32,
    key_material: &[u8],
) -> napi::Result<Vec<u8>> {
    let row = hmac_hash(hash_id)?;
    if iterations < 1 {
        return Err(value_error(
            "iterations must be greater than or equal to 1.",
        ));
    }
    fits_int("iterations", iterations as usize)?;
    fits_int("length", length)?;
    fits_int("salt length", salt.len())?;
    fits_int("key material length", key_material.len())?;
    let mut out = output(length)?;
    if length == 0 {
        return Ok(out);
    }
    let digest = row
        .openssl_name
        .to_str()
        .ok()
        .and_then(MessageDigest::from_name)
        .ok_or_else(|| {
            let _ = ErrorStack::get();
            error(
                ErrorCode::UnsupportedAlgorithm,
                format!("{} is not supported for PBKDF2", row.name),
            )
        })?;
    openssl::pkcs5::pbkdf2_hmac(key_material, salt, iterations as usize, digest, &mut out)
        .map_err(|e| openssl_error("PKCS5_PBKDF2_HMAC", &e))?;
    Ok(out)
}

/// The memory scrypt needs for `n` and `r`, in MiB (PyCA's figure: 128·n·r bytes).
fn scrypt_memory_mib(n: u64, r: u64) -> u128 {
    (128 * n as u128 * r as u128) / (1024 * 1024)
}

/// scrypt (RFC 7914). `n` must be a power of 2 greater than 1, `r` and `p` at least 1.
pub fn scrypt_bytes(
    key_material: &[u8],
    salt: &[u8],
    length: usize,
    n: u64,
    r: u32,
    p: u32,
) -> napi::Result<Vec<u8>> {
    if n < 2 || !n.is_power_of_two() {
        return Err(value_error("n must be greater than 1 and be a power of 2."));
    }
    if r < 1 {
        return Err(value_error("r must be greater than or equal to 1."));
    }
    if p < 1 {
        return Err(value_error("p must be greater than or equal to 1."));
    }
    let mut out = output(length)?;
    if length == 0 {
        return Ok(out);
    }
    // No memory ceiling of our own, as PyCA: the parameters say how much memory it takes.
    let max_memory = (usize::MAX / 2) as u64;
    openssl::pkcs5::scrypt(
        key_material,
        salt,
        n,
        u64::from(r),
        u64::from(p),
        max_memory,
        &mut out,
    )
    .map_err(|stack| {
        let out_of_memory = stack.errors().iter().any(|e| {
            e.reason()
                .is_some_and(|reason| reason.contains("memory") || reason.contains("malloc"))
        });
        if out_of_memory {
            error(
                ErrorCode::Internal,
                format!(
                    "Not enough memory to derive key. These parameters require {}MB of memory.",
                    scrypt_memory_mib(n, u64::from(r))
                ),
            )
        } else {
            openssl_error("EVP_PBE_scrypt", &stack)
        }
    })?;
    Ok(out)
}

/// HKDF (RFC 5869) over hash `hash_id`: extract-then-expand, or expand only (PyCA's
/// `HKDFExpand`, whose key material is already a pseudorandom key).
pub fn hkdf_bytes(
    hash_id: u32,
    key_material: &[u8],
    salt: Option<&[u8]>,
    info: Option<&[u8]>,
    length: usize,
    expand_only: bool,
) -> napi::Result<Vec<u8>> {
    let row = hmac_hash(hash_id)?;
    let (_, md) = algorithm_by_id(hash_id)?;
    let max_length = 255 * md.size();
    if length > max_length {
        return Err(value_error(format!(
            "Cannot derive keys larger than {max_length} octets."
        )));
    }
    let info = info.unwrap_or_default();
    if info.len() > HKDF_MAX_INFO {
        return Err(value_error(format!(
            "info must be at most {HKDF_MAX_INFO} bytes (OpenSSL's HKDF limit), got {}",
            info.len()
        )));
    }
    let mode = if expand_only {
        HKDF_MODE_EXPAND_ONLY
    } else {
        HKDF_MODE_EXTRACT_AND_EXPAND
    };
    let mut params = vec![
        Param::Utf8(PARAM_DIGEST, row.openssl_name),
        Param::Octets(PARAM_KEY, key_material),
        Param::Octets(PARAM_INFO, info),
        Param::Int(PARAM_MODE, mode),
    ];
    // No salt is HMAC keyed with zeros, which OpenSSL's default is too.
    if let Some(salt) = salt.filter(|_| !expand_only) {
        params.push(Param::Octets(PARAM_SALT, salt));
    }
    derive_with(hkdf_algorithm()?, "HKDF", &params, length)
}

/// Checks shared by the SSKDF family: OpenSSL needs a non-empty shared secret and caps
/// lengths at [`SSKDF_MAX_LENGTH`].
fn check_shared_secret(key_material: &[u8], info: &[u8], length: usize) -> napi::Result<()> {
    if key_material.is_empty() {
        return Err(value_error(
            "keyMaterial must not be empty: OpenSSL's one-step KDFs require a shared secret",
        ));
    }
    for (what, value) in [
        ("length", length),
        ("keyMaterial length", key_material.len()),
        ("info length", info.len()),
    ] {
        if value > SSKDF_MAX_LENGTH {
            return Err(value_error(format!(
                "{what} must be at most {SSKDF_MAX_LENGTH} bytes (OpenSSL's limit), got {value}"
            )));
        }
    }
    Ok(())
}

/// The hash-based one-step KDFs differ only in the OpenSSL algorithm (where the counter goes):
/// X9.63 hashes Z ‖ counter ‖ info, SP 800-56C (SSKDF) hashes counter ‖ Z ‖ info.
fn one_step_hash_kdf(
    kdf: &'static Kdf,
    label: &str,
    hash_id: u32,
    key_material: &[u8],
    info: Option<&[u8]>,
    length: usize,
) -> napi::Result<Vec<u8>> {
    let row = fixed_output_hash(hash_id, label)?;
    let info = info.unwrap_or_default();
    check_shared_secret(key_material, info, length)?;
    let params = [
        Param::Utf8(PARAM_DIGEST, row.openssl_name),
        Param::Octets(PARAM_KEY, key_material),
        Param::Octets(PARAM_INFO, info),
    ];
    derive_with(kdf, label, &params, length)
}

/// ANSI X9.63 KDF over hash `hash_id`: Hash(Z ‖ counter ‖ SharedInfo) per block.
pub fn x963_bytes(
    hash_id: u32,
    key_material: &[u8],
    shared_info: Option<&[u8]>,
    length: usize,
) -> napi::Result<Vec<u8>> {
    one_step_hash_kdf(
        x963_algorithm()?,
        "X963KDF",
        hash_id,
        key_material,
        shared_info,
        length,
    )
}

/// SP 800-56C one-step KDF with hash `hash_id` (PyCA's `ConcatKDFHash`):
/// Hash(counter ‖ Z ‖ OtherInfo) per block.
pub fn concat_hash_bytes(
    hash_id: u32,
    key_material: &[u8],
    other_info: Option<&[u8]>,
    length: usize,
) -> napi::Result<Vec<u8>> {
    one_step_hash_kdf(
        sskdf_algorithm()?,
        "ConcatKDF",
        hash_id,
        key_material,
        other_info,
        length,
    )
}

/// SP 800-56C one-step KDF with HMAC over hash `hash_id` (PyCA's `ConcatKDFHMAC`). With no
/// salt HMAC is keyed with zeros, as PyCA's default of `block_size` zero bytes is.
pub fn concat_hmac_bytes(
    hash_id: u32,
    key_material: &[u8],
    salt: Option<&[u8]>,
    other_info: Option<&[u8]>,
    length: usize,
) -> napi::Result<Vec<u8>> {
    let row = hmac_hash(hash_id)?;
    let info = other_info.unwrap_or_default();
    check_shared_secret(key_material, info, length)?;
    let mut params = vec![
        Param::Utf8(PARAM_MAC, c"HMAC"),
        Param::Utf8(PARAM_DIGEST, row.openssl_name),
        Param::Octets(PARAM_KEY, key_material),
        Param::Octets(PARAM_INFO, info),
    ];
    if let Some(salt) = salt.filter(|salt| !salt.is_empty()) {
        params.push(Param::Octets(PARAM_SALT, salt));
    }
    derive_with(sskdf_algorithm()?, "SSKDF", &params, length)
}

/// Where the counter goes in each KBKDF block (PyCA's `CounterLocation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterLocation {
    BeforeFixed,
    AfterFixed,
    /// Inside the fixed input, `break_location` bytes from its start.
    MiddleFixed(usize),
}

/// The shape of a KBKDF block: counter width, fixed input, and where the counter sits.
#[derive(Clone, Copy, Debug)]
pub struct KbkdfLayout<'a> {
    /// Counter width in bytes, 1 to 4.
    pub rlen: usize,
    /// Width in bytes of the output length L (in bits) at the end of the built fixed input;
    /// `None` only with `fixed`.
    pub llen: Option<usize>,
    pub location: CounterLocation,
    pub label: &'a [u8],
    pub context: &'a [u8],
    /// Caller-built fixed input, used instead of label ‖ 0x00 ‖ context ‖ L.
    pub fixed: Option<&'a [u8]>,
}

/// The pseudorandom function of a KBKDF.
#[derive(Clone, Copy, Debug)]
pub enum KbkdfPrf<'a> {
    /// HMAC over hash `hash_id`.
    Hmac(u32),
    /// CMAC with the CBC cipher OpenSSL names this way ("AES-128-CBC", …).
    Cmac(&'a str),
}

/// A keyed MAC that hands out fresh copies, one per KBKDF block.
enum KeyedPrf {
    Hmac(HmacCtx),
    Cmac(CmacCtx),
}

impl KeyedPrf {
    fn block(&self, parts: [&[u8]; 3]) -> napi::Result<Vec<u8>> {
        let tag = match self {
            KeyedPrf::Hmac(ctx) => {
                let mut ctx = ctx.copy_ctx()?;
                for part in parts {
                    ctx.update_bytes(part)?;
                }
                ctx.finalize_bytes()?
            }
            KeyedPrf::Cmac(ctx) => {
                let mut ctx = ctx.copy_ctx()?;
                for part in parts {
                    ctx.update_bytes(part)?;
                }
                ctx.finalize_bytes()?
            }
        };
        Ok(tag.to_vec())
    }
}

/// The fixed input data of a block: the caller's, or label ‖ 0x00 ‖ context ‖ L.
fn fixed_input(layout: &KbkdfLayout<'_>, length: usize) -> napi::Result<Vec<u8>> {
    if let Some(fixed) = layout.fixed {
        return Ok(fixed.to_vec());
    }
    let llen = layout
        .llen
        .ok_or_else(|| value_error("Please specify an llen"))?;
    let bits = (length as u128) * 8;
    let significant = (128 - bits.leading_zeros() as usize).div_ceil(8);
    if significant > llen {
        return Err(value_error(format!(
            "the output length of {bits} bits does not fit in llen = {llen} bytes"
        )));
    }
    let mut fixed = Vec::with_capacity(layout.label.len() + layout.context.len() + 1 + llen);
    fixed.extend_from_slice(layout.label);
    fixed.push(0);
    fixed.extend_from_slice(layout.context);
    let be = bits.to_be_bytes();
    fixed.resize(fixed.len() + llen.saturating_sub(be.len()), 0);
    fixed.extend_from_slice(&be[be.len().saturating_sub(llen)..]);
    Ok(fixed)
}

/// SP 800-108 KBKDF in counter mode. OpenSSL's own "KBKDF" only puts the counter before the
/// fixed input and writes L in 32 bits, so the blocks are built here and MACed by OpenSSL.
pub fn kbkdf_bytes(
    prf: KbkdfPrf<'_>,
    key_material: &[u8],
    length: usize,
    layout: &KbkdfLayout<'_>,
) -> napi::Result<Vec<u8>> {
    if !(1..=4).contains(&layout.rlen) {
        return Err(value_error("rlen must be between 1 and 4"));
    }
    let keyed = match prf {
        KbkdfPrf::Hmac(hash_id) => KeyedPrf::Hmac(HmacCtx::create(key_material, hash_id)?),
        KbkdfPrf::Cmac(cipher_name) => KeyedPrf::Cmac(CmacCtx::create(cipher_name, key_material)?),
    };
    let fixed = fixed_input(layout, length)?;
    let (before, after) = match layout.location {
        CounterLocation::BeforeFixed => (&[][..], &fixed[..]),
        CounterLocation::AfterFixed => (&fixed[..], &[][..]),
        CounterLocation::MiddleFixed(at) => {
            if at > fixed.len() {
                return Err(value_error("break_location offset > len(fixed)"));
            }
            fixed.split_at(at)
        }
    };
    let mut out = output(length)?;
    if length == 0 {
        return Ok(out);
    }
    // The first block also tells the PRF's output size.
    let first = Zeroizing::new(keyed.block([before, &[0, 0, 0, 1][4 - layout.rlen..], after])?);
    let block_len = first.len();
    let blocks = length.div_ceil(block_len) as u64;
    if blocks > (1u64 << (8 * layout.rlen)) - 1 {
        return Err(value_error("There are too many iterations."));
    }
    for (index, chunk) in out.chunks_mut(block_len).enumerate() {
        if index == 0 {
            chunk.copy_from_slice(&first[..chunk.len()]);
            continue;
        }
        let counter = (index as u32 + 1).to_be_bytes();
        let block = Zeroizing::new(keyed.block([before, &counter[4 - layout.rlen..], after])?);
        chunk.copy_from_slice(&block[..chunk.len()]);
    }
    Ok(out)
}

/// Argon2id's cost parameters (RFC 9106).
#[napi(object)]
#[derive(Clone, Copy, Debug)]
pub struct Argon2Params {
    pub length: u32,
    pub iterations: u32,
    pub lanes: u32,
    /// Memory in KiB; at least 8 × lanes.
    pub memory_cost: u32,
}

/// Argon2id (RFC 9106). The lanes run on the calling thread, one after another: OpenSSL can
/// spread them over its own thread pool, but only up to a process-wide maximum that concurrent
/// derivations would race for (a derivation asking for more threads than are free fails), and
/// hazmat's parallelism is the background pool that runs `deriveAsync`.
pub fn argon2id_bytes(
    key_material: &[u8],
    salt: &[u8],
    ad: Option<&[u8]>,
    secret: Option<&[u8]>,
    params: Argon2Params,
) -> napi::Result<Vec<u8>> {
    if salt.len() < 8 {
        return Err(value_error("salt must be at least 8 bytes"));
    }
    if params.length < 4 {
        return Err(value_error("length must be greater than or equal to 4."));
    }
    if params.iterations < 1 {
        return Err(value_error(
            "iterations must be greater than or equal to 1.",
        ));
    }
    if params.lanes < 1 {
        return Err(value_error("lanes must be greater than or equal to 1."));
    }
    if params.lanes > 0xff_ffff {
        return Err(value_error(format!(
            "lanes must be at most {} (RFC 9106), got {}",
            0xff_ffff, params.lanes
        )));
    }
    if u64::from(params.memory_cost) < 8 * u64::from(params.lanes) {
        return Err(value_error("memory_cost must be an integer >= 8 * lanes."));
    }
    let mut list = vec![
        Param::Octets(PARAM_PASSWORD, key_material),
        Param::Octets(PARAM_SALT, salt),
        Param::Uint(PARAM_ITER, params.iterations),
        Param::Uint(PARAM_ARGON2_LANES, params.lanes),
        Param::Uint(PARAM_ARGON2_MEMCOST, params.memory_cost),
        Param::Uint(PARAM_THREADS, 1),
    ];
    if let Some(ad) = ad {
        list.push(Param::Octets(PARAM_ARGON2_AD, ad));
    }
    if let Some(secret) = secret {
        list.push(Param::Octets(PARAM_SECRET, secret));
    }
    derive_with(
        argon2id_algorithm()?,
        "ARGON2ID",
        &list,
        params.length as usize,
    )
}

fn slice<'a>(bytes: &'a Option<BufferSlice<'_>>) -> Option<&'a [u8]> {
    bytes.as_deref()
}

/// JavaScript numbers arrive as `f64`-exact integers; the façade has range-checked them.
fn length_of(length: i64) -> napi::Result<usize> {
    usize::try_from(length).map_err(|_| {
        value_error(format!(
            "length must be a non-negative integer, got {length}"
        ))
    })
}

#[napi(
    ts_args_type = "hashId: number, length: number, salt: Uint8Array, iterations: number, keyMaterial: Uint8Array"
)]
pub fn kdf_pbkdf2_hmac(
    hash_id: u32,
    length: i64,
    salt: &[u8],
    iterations: u32,
    key_material: &[u8],
) -> napi::Result<Buffer> {
    pbkdf2_hmac_bytes(hash_id, length_of(length)?, salt, iterations, key_material).map(Buffer::from)
}

#[napi(
    ts_args_type = "keyMaterial: Uint8Array, salt: Uint8Array, length: number, n: number, r: number, p: number"
)]
pub fn kdf_scrypt(
    key_material: &[u8],
    salt: &[u8],
    length: i64,
    n: i64,
    r: u32,
    p: u32,
) -> napi::Result<Buffer> {
    let n = u64::try_from(n).unwrap_or(0);
    scrypt_bytes(key_material, salt, length_of(length)?, n, r, p).map(Buffer::from)
}

#[napi(
    ts_args_type = "hashId: number, keyMaterial: Uint8Array, salt: Uint8Array | null, info: Uint8Array | null, length: number, expandOnly: boolean"
)]
pub fn kdf_hkdf(
    hash_id: u32,
    key_material: &[u8],
    salt: Option<BufferSlice>,
    info: Option<BufferSlice>,
    length: i64,
    expand_only: bool,
) -> napi::Result<Buffer> {
    hkdf_bytes(
        hash_id,
        key_material,
        slice(&salt),
        slice(&info),
        length_of(length)?,
        expand_only,
    )
    .map(Buffer::from)
}

#[napi(
    ts_args_type = "hashId: number, keyMaterial: Uint8Array, sharedInfo: Uint8Array | null, length: number"
)]
pub fn kdf_x963(
    hash_id: u32,
    key_material: &[u8],
    shared_info: Option<BufferSlice>,
    length: i64,
) -> napi::Result<Buffer> {
    x963_bytes(
        hash_id,
        key_material,
        slice(&shared_info),
        length_of(length)?,
    )
    .map(Buffer::from)
}

#[napi(
    ts_args_type = "hashId: number, keyMaterial: Uint8Array, otherInfo: Uint8Array | null, length: number"
)]
pub fn kdf_concat_hash(
    hash_id: u32,
    key_material: &[u8],
    other_info: Option<BufferSlice>,
    length: i64,
) -> napi::Result<Buffer> {
    concat_hash_bytes(
        hash_id,
        key_material,
        slice(&other_info),
        length_of(length)?,
    )
    .map(Buffer::from)
}

#[napi(
    ts_args_type = "hashId: number, keyMaterial: Uint8Array, salt: Uint8Array | null, otherInfo: Uint8Array | null, length: number"
)]
pub fn kdf_concat_hmac(
    hash_id: u32,
    key_material: &[u8],
    salt: Option<BufferSlice>,
    other_info: Option<BufferSlice>,
    length: i64,
) -> napi::Result<Buffer> {
    concat_hmac_bytes(
        hash_id,
        key_material,
        slice(&salt),
        slice(&other_info),
        length_of(length)?,
    )
    .map(Buffer::from)
}

/// KBKDF's numeric parameters as JavaScript passes them.
#[napi(object)]
#[derive(Clone, Copy, Debug)]
pub struct KbkdfShape {
    pub length: u32,
    pub rlen: u32,
    pub llen: Option<u32>,
    /// 0 before, 1 after, 2 in the middle of the fixed input (`CounterLocation`).
    pub location: u32,
    pub break_location: Option<u32>,
}

fn kbkdf_from_js(
    prf: KbkdfPrf<'_>,
    key_material: &[u8],
    shape: KbkdfShape,
    label: Option<&[u8]>,
    context: Option<&[u8]>,
    fixed: Option<&[u8]>,
) -> napi::Result<Buffer> {
    let location = match (shape.location, shape.break_location) {
        (0, _) => CounterLocation::BeforeFixed,
        (1, _) => CounterLocation::AfterFixed,
        (2, Some(at)) => CounterLocation::MiddleFixed(at as usize),
        (2, None) => return Err(value_error("Please specify a break_location")),
        (other, _) => return Err(value_error(format!("unknown counter location {other}"))),
    };
    let layout = KbkdfLayout {
        rlen: shape.rlen as usize,
        llen: shape.llen.map(|n| n as usize),
        location,
        label: label.unwrap_or_default(),
        context: context.unwrap_or_default(),
        fixed,
    };
    kbkdf_bytes(prf, key_material, shape.length as usize, &layout).map(Buffer::from)
}

#[napi(
    ts_args_type = "hashId: number, keyMaterial: Uint8Array, shape: KbkdfShape, label: Uint8Array | null, context: Uint8Array | null, fixed: Uint8Array | null"
)]
pub fn kdf_kbkdf_hmac(
    hash_id: u32,
    key_material: &[u8],
    shape: KbkdfShape,
    label: Option<BufferSlice>,
    context: Option<BufferSlice>,
    fixed: Option<BufferSlice>,
) -> napi::Result<Buffer> {
    kbkdf_from_js(
        KbkdfPrf::Hmac(hash_id),
        key_material,
        shape,
        slice(&label),
        slice(&context),
        slice(&fixed),
    )
}

#[napi(
    ts_args_type = "cipherName: string, keyMaterial: Uint8Array, shape: KbkdfShape, label: Uint8Array | null, context: Uint8Array | null, fixed: Uint8Array | null"
)]
pub fn kdf_kbkdf_cmac(
    cipher_name: String,
    key_material: &[u8],
    shape: KbkdfShape,
    label: Option<BufferSlice>,
    context: Option<BufferSlice>,
    fixed: Option<BufferSlice>,
) -> napi::Result<Buffer> {
    kbkdf_from_js(
        KbkdfPrf::Cmac(&cipher_name),
        key_material,
        shape,
        slice(&label),
        slice(&context),
        slice(&fixed),
    )
}

#[napi(
    js_name = "kdfArgon2id",
    ts_args_type = "keyMaterial: Uint8Array, salt: Uint8Array, ad: Uint8Array | null, secret: Uint8Array | null, params: Argon2Params"
)]
pub fn kdf_argon2id(
    key_material: &[u8],
    salt: &[u8],
    ad: Option<BufferSlice>,
    secret: Option<BufferSlice>,
    params: Argon2Params,
) -> napi::Result<Buffer> {
    argon2id_bytes(key_material, salt, slice(&ad), slice(&secret), params).map(Buffer::from)
}

type Secret = Zeroizing<Vec<u8>>;

fn secret_copy(bytes: &[u8]) -> Secret {
    Zeroizing::new(bytes.to_vec())
}

/// One slow derivation with its own copies of the inputs (the caller may reuse its buffers as
/// soon as the call returns).
enum Job {
    Pbkdf2 {
        hash_id: u32,
        length: usize,
        salt: Secret,
        iterations: u32,
        key_material: Secret,
    },
    Scrypt {
        key_material: Secret,
        salt: Secret,
        length: usize,
        n: u64,
        r: u32,
        p: u32,
    },
    Argon2id {
        key_material: Secret,
        salt: Secret,
        ad: Option<Secret>,
        secret: Option<Secret>,
        params: Argon2Params,
    },
}

/// A derivation on the background pool: `deriveAsync` of PBKDF2HMAC, Scrypt and Argon2id. It
/// runs there rather than on libuv's pool so that it runs below the JavaScript thread's
/// priority (see [`crate::background`]); errors reject the promise as an `AsyncTask`'s would.
pub struct DeriveTask {
    job: Job,
}

impl DeriveTask {
    /// Runs the derivation on the current thread (what a pool thread does with it).
    pub fn run(&self) -> napi::Result<Vec<u8>> {
        match &self.job {
            Job::Pbkdf2 {
                hash_id,
                length,
                salt,
                iterations,
                key_material,
            } => pbkdf2_hmac_bytes(*hash_id, *length, salt, *iterations, key_material),
            Job::Scrypt {
                key_material,
                salt,
                length,
                n,
                r,
                p,
            } => scrypt_bytes(key_material, salt, *length, *n, *r, *p),
            Job::Argon2id {
                key_material,
                salt,
                ad,
                secret,
                params,
            } => argon2id_bytes(
                key_material,
                salt,
                ad.as_deref().map(Vec::as_slice),
                secret.as_deref().map(Vec::as_slice),
                *params,
            ),
        }
    }

    /// Starts the derivation on the background pool; the promise resolves to the key. The
    /// task, with its zeroizing copies of the inputs, is dropped on the pool thread once done.
    fn start(self, env: &Env) -> napi::Result<Object<'_>> {
        background::promise(env, move || self.run(), Buffer::from)
    }
}

#[napi(
    ts_args_type = "hashId: number, length: number, salt: Uint8Array, iterations: number, keyMaterial: Uint8Array",
    ts_return_type = "Promise<Buffer>"
)]
pub fn kdf_pbkdf2_hmac_async<'env>(
    env: &'env Env,
    hash_id: u32,
    length: i64,
    salt: &[u8],
    iterations: u32,
    key_material: &[u8],
) -> napi::Result<Object<'env>> {
    DeriveTask {
        job: Job::Pbkdf2 {
            hash_id,
            length: length_of(length)?,
            salt: secret_copy(salt),
            iterations,
            key_material: secret_copy(key_material),
        },
    }
    .start(env)
}

#[napi(
    ts_args_type = "keyMaterial: Uint8Array, salt: Uint8Array, length: number, n: number, r: number, p: number",
    ts_return_type = "Promise<Buffer>"
)]
pub fn kdf_scrypt_async<'env>(
    env: &'env Env,
    key_material: &[u8],
    salt: &[u8],
    length: i64,
    n: i64,
    r: u32,
    p: u32,
) -> napi::Result<Object<'env>> {
    DeriveTask {
        job: Job::Scrypt {
            key_material: secret_copy(key_material),
            salt: secret_copy(salt),
            length: length_of(length)?,
            n: u64::try_from(n).unwrap_or(0),
            r,
            p,
        },
    }
    .start(env)
}

#[napi(
    js_name = "kdfArgon2idAsync",
    ts_args_type = "keyMaterial: Uint8Array, salt: Uint8Array, ad: Uint8Array | null, secret: Uint8Array | null, params: Argon2Params",
    ts_return_type = "Promise<Buffer>"
)]
pub fn kdf_argon2id_async<'env>(
    env: &'env Env,
    key_material: &[u8],
    salt: &[u8],
    ad: Option<BufferSlice>,
    secret: Option<BufferSlice>,
    params: Argon2Params,
) -> napi::Result<Object<'env>> {
    DeriveTask {
        job: Job::Argon2id {
            key_material: secret_copy(key_material),
            salt: secret_copy(salt),
            ad: slice(&ad).map(secret_copy),
            secret: slice(&secret).map(secret_copy),
            params,
        },
    }
    .start(env)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hashes::algorithm_id;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    fn id(name: &str) -> u32 {
        algorithm_id(name).unwrap() as u32
    }

    fn reason(result: napi::Result<Vec<u8>>) -> String {
        result.unwrap_err().reason
    }

    #[test]
    fn pbkdf2_matches_rfc_6070_and_works_with_every_hmac_hash() {
        let out = pbkdf2_hmac_bytes(id("sha1"), 20, b"salt", 4096, b"password").unwrap();
        assert_eq!(hex(&out), "4b007901b765489abead49d926f721d065a429c1");
        let out = pbkdf2_hmac_bytes(id("sha1"), 16, b"sa\0lt", 4096, b"pass\0word").unwrap();
        assert_eq!(hex(&out), "56fa6aa75548099dcc37d7f03425e0c3");
        for row in crate::hashes::ALGORITHMS.iter().filter(|row| !row.xof) {
            let out = pbkdf2_hmac_bytes(id(row.name), 40, b"", 2, b"").unwrap();
            assert_eq!(out.len(), 40, "{}", row.name);
        }
        assert!(
            pbkdf2_hmac_bytes(id("sha256"), 0, b"s", 1, b"k")
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            reason(pbkdf2_hmac_bytes(id("sha256"), 32, b"s", 0, b"k")),
            "[ERR_HAZMAT_VALUE] iterations must be greater than or equal to 1."
        );
        assert!(
            reason(pbkdf2_hmac_bytes(id("shake128"), 32, b"s", 1, b"k"))
                .starts_with("[ERR_HAZMAT_UNSUPPORTED_ALGORITHM] shake128")
        );
    }

    #[test]
    fn scrypt_matches_rfc_7914_and_checks_its_costs() {
        let out = scrypt_bytes(b"", b"", 64, 16, 1, 1).unwrap();
        assert_eq!(
            hex(&out),
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442\
             fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        );
        let out = scrypt_bytes(b"password", b"NaCl", 64, 1024, 8, 16).unwrap();
        assert_eq!(&hex(&out)[..32], "fdbabe1c9d3472007856e7190d01e9fe");
        for n in [0, 1, 3, 1000] {
            assert_eq!(
                reason(scrypt_bytes(b"k", b"s", 32, n, 8, 1)),
                "[ERR_HAZMAT_VALUE] n must be greater than 1 and be a power of 2."
            );
        }
        assert!(reason(scrypt_bytes(b"k", b"s", 32, 16, 0, 1)).contains("r must be"));
        assert!(reason(scrypt_bytes(b"k", b"s", 32, 16, 8, 0)).contains("p must be"));
        // 1 TiB of memory: refused, not attempted.
        let message = reason(scrypt_bytes(b"k", b"s", 32, 1 << 30, 8, 1));
        assert!(
            message.contains("These parameters require 1048576MB of memory."),
            "{message}"
        );
    }

    #[test]
    fn hkdf_matches_rfc_5869_and_enforces_its_limits() {
        let ikm = [0x0bu8; 22];
        let salt = unhex("000102030405060708090a0b0c");
        let info = unhex("f0f1f2f3f4f5f6f7f8f9");
        let okm = hkdf_bytes(id("sha256"), &ikm, Some(&salt), Some(&info), 42, false).unwrap();
        assert_eq!(
            hex(&okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        );
        // RFC 5869 A.3: no salt, no info.
        let okm = hkdf_bytes(id("sha256"), &ikm, None, None, 42, false).unwrap();
        assert_eq!(&hex(&okm)[..16], "8da4e775a563c18f");
        assert_eq!(
            hkdf_bytes(id("sha256"), b"", None, None, 255 * 32, false)
                .unwrap()
                .len(),
            8160
        );
        assert_eq!(
            reason(hkdf_bytes(id("sha256"), b"k", None, None, 8161, true)),
            "[ERR_HAZMAT_VALUE] Cannot derive keys larger than 8160 octets."
        );
        let big_info = vec![0u8; HKDF_MAX_INFO + 1];
        assert!(
            reason(hkdf_bytes(
                id("sha256"),
                b"k",
                None,
                Some(&big_info),
                32,
                false
            ))
            .contains("OpenSSL's HKDF limit")
        );
        assert!(hkdf_bytes(id("shake256"), b"k", None, None, 32, false).is_err());
    }

    #[test]
    fn x963_and_concat_kdf_agree_with_their_definitions() {
        // X9.63 with SHA-1 from the CAVS sample (first record).
        let z = unhex("1c7d7b5f0597b03d06a018466ed1a93e30ed4b04dc64ccdd");
        let out = x963_bytes(id("sha1"), &z, None, 16).unwrap();
        assert_eq!(hex(&out), "bf71dffd8f4d99223936beb46fee8ccc");
        // One block of ConcatKDFHash is SHA-256(00000001 ‖ Z ‖ OtherInfo).
        let mut block = crate::hashes::hash_bytes(id("sha256"), 0, b"\0\0\0\x01zinfo")
            .unwrap()
            .to_vec();
        block.truncate(20);
        assert_eq!(
            concat_hash_bytes(id("sha256"), b"z", Some(b"info"), 20).unwrap(),
            block
        );
        // ConcatKDFHMAC: with no salt, HMAC keyed with zeros.
        let no_salt = concat_hmac_bytes(id("sha256"), b"z", None, Some(b"i"), 32).unwrap();
        let zeros =
            concat_hmac_bytes(id("sha256"), b"z", Some(&[0u8; 64]), Some(b"i"), 32).unwrap();
        assert_eq!(no_salt, zeros);
        for failure in [
            x963_bytes(id("sha256"), b"", None, 32),
            concat_hash_bytes(id("sha256"), b"", None, 32),
            concat_hmac_bytes(id("sha256"), b"", None, None, 32),
        ] {
            assert!(reason(failure).contains("keyMaterial must not be empty"));
        }
        assert!(x963_bytes(id("sha256"), b"z", None, 0).unwrap().is_empty());
    }

    #[test]
    fn kbkdf_builds_every_counter_layout() {
        // SP 800-108 CAVS, HMAC-SHA256, counter before the fixed input, 8-bit counter.
        let layout = |location, rlen, fixed| KbkdfLayout {
            rlen,
            llen: None,
            location,
            label: b"",
            context: b"",
            fixed: Some(fixed),
        };
        let key = unhex("dff1e50ac0b69dc40f1051d46c2b069c");
        let fixed = unhex(
            "c16e6e02c5a3dcc8d78b9ac1306877761310455b4e41469951d9e6c2245a064b\
             33fd8c3b01203a7824485bf0a64060c4648b707d2607935699316ea5",
        );
        let out = kbkdf_bytes(
            KbkdfPrf::Cmac("AES-128-CBC"),
            &key,
            16,
            &layout(CounterLocation::BeforeFixed, 1, &fixed),
        )
        .unwrap();
        assert_eq!(hex(&out), "8be8f0869b3c0ba97b71863d1b9f7813");

        // Middle-fixed with a break at 50 bytes (CAVS, CMAC-AES128, 8-bit counter).
        let key = unhex("b6e04abd1651f8794d4326f4c684e631");
        let mut fixed = unhex(
            "93612f7256c46a3d856d3e951e32dbf15fe11159d0b389ad38d603850fee6d18\
             d22031435ed36ee20da76745fbea4b10fe1e",
        );
        fixed.extend(unhex("99322aae605a5f01e32b"));
        let out = kbkdf_bytes(
            KbkdfPrf::Cmac("AES-128-CBC"),
            &key,
            16,
            &layout(CounterLocation::MiddleFixed(50), 1, &fixed),
        )
        .unwrap();
        assert_eq!(hex(&out), "dcb1db87a68762c6b3354779fa590bef");
        assert_eq!(
            reason(kbkdf_bytes(
                KbkdfPrf::Cmac("AES-128-CBC"),
                &key,
                16,
                &layout(CounterLocation::MiddleFixed(61), 1, &fixed),
            )),
            "[ERR_HAZMAT_VALUE] break_location offset > len(fixed)"
        );

        // Built fixed input: label ‖ 00 ‖ context ‖ L; a one-byte counter allows 255 blocks.
        let built = KbkdfLayout {
            rlen: 1,
            llen: Some(4),
            location: CounterLocation::AfterFixed,
            label: b"label",
            context: b"context",
            fixed: None,
        };
        assert_eq!(
            fixed_input(&built, 32).unwrap(),
            b"label\0context\0\0\x01\0".to_vec()
        );
        let hmac = KbkdfPrf::Hmac(id("sha256"));
        assert_eq!(
            kbkdf_bytes(hmac, b"k", 255 * 32, &built).unwrap().len(),
            8160
        );
        assert_eq!(
            reason(kbkdf_bytes(hmac, b"k", 255 * 32 + 1, &built)),
            "[ERR_HAZMAT_VALUE] There are too many iterations."
        );
        let narrow = KbkdfLayout {
            llen: Some(1),
            ..built
        };
        assert!(reason(kbkdf_bytes(hmac, b"k", 32, &narrow)).contains("does not fit in llen"));
        let wide = KbkdfLayout {
            llen: Some(6),
            ..built
        };
        assert_eq!(
            fixed_input(&wide, 32).unwrap(),
            b"label\0context\0\0\0\0\x01\0".to_vec()
        );
    }

    #[test]
    fn argon2id_matches_rfc_9106_and_checks_its_costs() {
        let params = Argon2Params {
            length: 32,
            iterations: 3,
            lanes: 4,
            memory_cost: 32,
        };
        let out = argon2id_bytes(
            &[1u8; 32],
            &[2u8; 16],
            Some(&[4u8; 12]),
            Some(&[3u8; 8]),
            params,
        )
        .unwrap();
        assert_eq!(
            hex(&out),
            "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
        );
        let bad = [
            (b"short".as_slice(), params, "salt must be at least 8 bytes"),
            (
                b"saltsalt",
                Argon2Params {
                    length: 3,
                    ..params
                },
                "length must be greater than or equal to 4.",
            ),
            (
                b"saltsalt",
                Argon2Params {
                    iterations: 0,
                    ..params
                },
                "iterations must be",
            ),
            (
                b"saltsalt",
                Argon2Params { lanes: 0, ..params },
                "lanes must be",
            ),
            (
                b"saltsalt",
                Argon2Params {
                    memory_cost: 31,
                    ..params
                },
                "memory_cost must be an integer >= 8 * lanes.",
            ),
        ];
        for (salt, params, expected) in bad {
            let message = reason(argon2id_bytes(b"p", salt, None, None, params));
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn tasks_compute_what_the_sync_functions_do() {
        let task = DeriveTask {
            job: Job::Scrypt {
                key_material: secret_copy(b"password"),
                salt: secret_copy(b"NaCl"),
                length: 16,
                n: 16,
                r: 1,
                p: 1,
            },
        };
        assert_eq!(
            task.run().unwrap(),
            scrypt_bytes(b"password", b"NaCl", 16, 16, 1, 1).unwrap()
        );
        let task = DeriveTask {
            job: Job::Pbkdf2 {
                hash_id: id("sha256"),
                length: 32,
                salt: secret_copy(b"s"),
                iterations: 3,
                key_material: secret_copy(b"k"),
            },
        };
        assert_eq!(
            task.run().unwrap(),
            pbkdf2_hmac_bytes(id("sha256"), 32, b"s", 3, b"k").unwrap()
        );
    }
}
