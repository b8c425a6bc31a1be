//! Message digests: THE hash table of the crate (PyCA's algorithm names → OpenSSL algorithms,
//! each fetched once and kept for the process's lifetime), the `Hash` and `XOFHash` contexts,
//! and the one-shot `hash`. HMAC, and later HKDF, PBKDF2 and signatures, look digests up here
//! ([`message_digest`], [`algorithm_by_id`]) rather than fetching their own.
//!
//! JavaScript resolves an algorithm's name to its row number once ([`hash_algorithm_info`]) and
//! passes that number afterwards, so the hot paths never convert strings.

use std::cell::RefCell;
use std::ffi::CStr;
use std::sync::OnceLock;

use napi::Env;
use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;
use openssl::md::{Md, MdRef};
use openssl::md_ctx::MdCtx;

use crate::errors::{ErrorCode, already_finalized, error, openssl_error};
use crate::fast::Handle;

/// One row of the hash table.
#[derive(Debug)]
pub struct HashAlgorithm {
    /// PyCA's `HashAlgorithm.name`, e.g. "sha256", "sha3-256", "blake2b".
    pub name: &'static str,
    /// The name OpenSSL fetches it by (also the HMAC "digest" parameter).
    pub openssl_name: &'static CStr,
    /// Whether it is an extendable-output function (SHAKE): its output length is chosen by the
    /// caller (PyCA's `digest_size`) instead of fixed.
    pub xof: bool,
}

const fn row(name: &'static str, openssl_name: &'static CStr, xof: bool) -> HashAlgorithm {
    HashAlgorithm {
        name,
        openssl_name,
        xof,
    }
}

/// Every hash PyCA's `hashes` module names (MD5 and SHA1 too: PyCA keeps them for
/// interoperability with old formats). BLAKE2 comes in PyCA's only sizes (BLAKE2b-512,
/// BLAKE2s-256): the façade rejects other digest sizes. A row's index is its id.
pub const ALGORITHMS: [HashAlgorithm; 17] = [
    row("sha1", c"SHA1", false),
    row("sha224", c"SHA2-224", false),
    row("sha256", c"SHA2-256", false),
    row("sha384", c"SHA2-384", false),
    row("sha512", c"SHA2-512", false),
    row("sha512-224", c"SHA2-512/224", false),
    row("sha512-256", c"SHA2-512/256", false),
    row("sha3-224", c"SHA3-224", false),
    row("sha3-256", c"SHA3-256", false),
    row("sha3-384", c"SHA3-384", false),
    row("sha3-512", c"SHA3-512", false),
    row("shake128", c"SHAKE-128", true),
    row("shake256", c"SHAKE-256", true),
    row("blake2b", c"BLAKE2B-512", false),
    row("blake2s", c"BLAKE2S-256", false),
    row("sm3", c"SM3", false),
    row("md5", c"MD5", false),
];

const ROWS: usize = ALGORITHMS.len();

/// Fetched digests, one slot per row, filled on first use. `None` records that this OpenSSL
/// lacks the algorithm, so a miss is not retried on every call.
static FETCHED: [OnceLock<Option<Md>>; ROWS] = [const { OnceLock::new() }; ROWS];

/// The longest output one call produces: XOF output beyond this must be squeezed in parts.
/// (2 GiB - 1, below every JavaScript engine's Buffer limit.)
pub const MAX_OUTPUT: usize = i32::MAX as usize;

/// The row number of PyCA's hash `name`, if hazmat knows it (whether or not OpenSSL has it).
pub fn algorithm_id(name: &str) -> Option<usize> {
    ALGORITHMS.iter().position(|row| row.name == name)
}

fn unsupported(name: &str) -> napi::Error {
    error(
        ErrorCode::UnsupportedAlgorithm,
        format!("{name} is not a supported hash on this backend"),
    )
}

fn fetched(id: usize) -> Option<&'static MdRef> {
    let row = ALGORITHMS.get(id)?;
    FETCHED[id]
        .get_or_init(|| {
            let md = Md::fetch(None, row.openssl_name.to_str().ok()?, None).ok();
            // A failed fetch queues an error; it is an answer ("unsupported"), not a failure.
            let _ = openssl::error::ErrorStack::get();
            md
        })
        .as_deref()
}

/// The row and fetched digest for `id`; `UnsupportedAlgorithm` for an unknown id or a digest
/// this OpenSSL lacks.
pub fn algorithm_by_id(id: u32) -> napi::Result<(&'static HashAlgorithm, &'static MdRef)> {
    let id = id as usize;
    let row = ALGORITHMS.get(id).ok_or_else(|| {
        error(
            ErrorCode::UnsupportedAlgorithm,
            format!("unknown hash id {id}"),
        )
    })?;
    let md = fetched(id).ok_or_else(|| unsupported(row.name))?;
    Ok((row, md))
}

/// The fetched digest for PyCA's hash `name` ("sha256", …), for every module that needs one.
pub fn message_digest(name: &str) -> napi::Result<&'static MdRef> {
    let id = algorithm_id(name).ok_or_else(|| unsupported(name))?;
    fetched(id).ok_or_else(|| unsupported(name))
}

/// What JavaScript needs to know about a hash: its row number and whether it is an XOF.
#[napi(object)]
pub struct HashAlgorithmInfo {
    pub id: u32,
    pub xof: bool,
}

/// Looks up PyCA's hash `name`: `null` when hazmat or its OpenSSL does not support it.
#[napi]
pub fn hash_algorithm_info(name: String) -> Option<HashAlgorithmInfo> {
    let id = algorithm_id(&name)?;
    fetched(id)?;
    Some(HashAlgorithmInfo {
        id: id as u32,
        xof: ALGORITHMS.get(id)?.xof,
    })
}

/// A digest or tag on its way to JavaScript: fixed-size outputs stay on the stack (no
/// allocation), XOF output lives on the heap and is handed over without a copy.
pub enum Output {
    Inline {
        bytes: [u8; openssl_sys::EVP_MAX_MD_SIZE as usize],
        len: usize,
    },
    Heap(Vec<u8>),
}

impl Output {
    /// A zeroed output of `len` bytes. Large requests that cannot be allocated are an error,
    /// not an abort of the process.
    pub fn zeroed(len: usize) -> napi::Result<Output> {
        if len <= openssl_sys::EVP_MAX_MD_SIZE as usize {
            return Ok(Output::Inline {
                bytes: [0; openssl_sys::EVP_MAX_MD_SIZE as usize],
                len,
            });
        }
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(len).map_err(|_| {
            error(
                ErrorCode::Internal,
                format!("could not allocate {len} bytes of output"),
            )
        })?;
        bytes.resize(len, 0);
        Ok(Output::Heap(bytes))
    }

    /// Shortens the output to its first `len` bytes (what OpenSSL reports it wrote).
    pub fn truncate(&mut self, new_len: usize) {
        match self {
            Output::Inline { len, .. } => *len = new_len.min(*len),
            Output::Heap(bytes) => bytes.truncate(new_len),
        }
    }

    /// A Node Buffer holding the output: a copy for short outputs (cheaper than an external
    /// buffer's finalizer), the allocation itself for long ones.
    pub fn into_js(self, env: &Env) -> napi::Result<BufferSlice<'_>> {
        match self {
            Output::Inline { bytes, len } => BufferSlice::copy_from(env, &bytes[..len]),
            Output::Heap(bytes) => BufferSlice::from_data(env, bytes),
        }
    }
}

impl std::ops::Deref for Output {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Output::Inline { bytes, len } => &bytes[..*len],
            Output::Heap(bytes) => bytes,
        }
    }
}

impl std::ops::DerefMut for Output {
    fn deref_mut(&mut self) -> &mut [u8] {
        match self {
            Output::Inline { bytes, len } => &mut bytes[..*len],
            Output::Heap(bytes) => bytes,
        }
    }
}

fn value_error(message: impl std::fmt::Display) -> napi::Error {
    error(ErrorCode::Value, message)
}

/// The output length of `row` for PyCA's `digest_size`: fixed for ordinary hashes (the
/// argument is ignored, as PyCA ignores it), chosen by the caller for XOFs.
fn output_len(row: &HashAlgorithm, md: &MdRef, digest_size: i64) -> napi::Result<usize> {
    if !row.xof {
        return Ok(md.size());
    }
    match usize::try_from(digest_size) {
        Ok(len @ 1..=MAX_OUTPUT) => Ok(len),
        _ if digest_size < 1 => Err(value_error(format!(
            "digestSize must be a positive integer, got {digest_size}"
        ))),
        _ => Err(value_error(format!(
            "{} output of {digest_size} bytes is more than one Buffer holds ({MAX_OUTPUT}); \
             squeeze it in parts with XOFHash",
            row.name
        ))),
    }
}

fn digest_init(md: &MdRef) -> napi::Result<MdCtx> {
    let mut ctx = MdCtx::new().map_err(|e| openssl_error("EVP_MD_CTX_new", &e))?;
    ctx.digest_init(md)
        .map_err(|e| openssl_error("EVP_DigestInit_ex", &e))?;
    Ok(ctx)
}

fn digest_update(ctx: &mut MdCtx, data: &[u8]) -> napi::Result<()> {
    ctx.digest_update(data)
        .map_err(|e| openssl_error("EVP_DigestUpdate", &e))
}

/// Finishes `ctx` into an output of `len` bytes (the XOF length, or the digest size).
fn digest_final(ctx: &mut MdCtx, xof: bool, len: usize) -> napi::Result<Output> {
    let mut out = Output::zeroed(len)?;
    if xof {
        ctx.digest_final_xof(&mut out)
            .map_err(|e| openssl_error("EVP_DigestFinalXOF", &e))?;
    } else {
        let written = ctx
            .digest_final(&mut out)
            .map_err(|e| openssl_error("EVP_DigestFinal_ex", &e))?;
        out.truncate(written);
    }
    Ok(out)
}

/// PyCA's `Hash`: a digest computed over any number of `update`s. Once finalized, every call
/// fails with `AlreadyFinalized` (the context is `None`).
pub struct HashCtx {
    ctx: Option<MdCtx>,
    xof: bool,
    output_len: usize,
}

impl HashCtx {
    /// A context for hash `id`; `digest_size` is the output length of an XOF, ignored otherwise.
    pub fn create(id: u32, digest_size: i64) -> napi::Result<HashCtx> {
        let (row, md) = algorithm_by_id(id)?;
        Ok(HashCtx {
            output_len: output_len(row, md, digest_size)?,
            xof: row.xof,
            ctx: Some(digest_init(md)?),
        })
    }

    fn live(&mut self) -> napi::Result<&mut MdCtx> {
        self.ctx.as_mut().ok_or_else(already_finalized)
    }

    pub fn update_bytes(&mut self, data: &[u8]) -> napi::Result<()> {
        digest_update(self.live()?, data)
    }

    pub fn copy_ctx(&self) -> napi::Result<HashCtx> {
        let ctx = self.ctx.as_ref().ok_or_else(already_finalized)?;
        Ok(HashCtx {
            ctx: Some(
                openssl_ext::md::duplicate(ctx)
                    .map_err(|e| openssl_error("EVP_MD_CTX_copy_ex", &e))?,
            ),
            xof: self.xof,
            output_len: self.output_len,
        })
    }

    pub fn finalize_bytes(&mut self) -> napi::Result<Output> {
        let mut ctx = self.ctx.take().ok_or_else(already_finalized)?;
        digest_final(&mut ctx, self.xof, self.output_len)
    }
}

/// `new Hash(…)`'s native half: a context for hash `id` (see [`HashCtx::create`]), used through
/// the raw `hashUpdate`/`hashCopy`/`hashFinalize` paths of `crate::fast`.
#[napi(ts_return_type = "object")]
pub fn hash_create(id: u32, digest_size: i64) -> napi::Result<Handle<HashCtx>> {
    HashCtx::create(id, digest_size).map(Handle::new)
}

/// PyCA's `XOFHash`: absorbs with `update`, then `squeeze`s output in as many parts as wanted,
/// up to `digest_size` bytes in total. Once squeezing has begun, `update` is refused.
#[napi]
pub struct XofHashCtx {
    ctx: MdCtx,
    squeezing: bool,
    remaining: u64,
}

impl XofHashCtx {
    pub fn create(id: u32, digest_size: i64) -> napi::Result<XofHashCtx> {
        let (row, md) = algorithm_by_id(id)?;
        if !row.xof {
            return Err(value_error(format!(
                "{} is not an extendable output function",
                row.name
            )));
        }
        let remaining = u64::try_from(digest_size)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| {
                value_error(format!(
                    "digestSize must be a positive integer, got {digest_size}"
                ))
            })?;
        Ok(XofHashCtx {
            ctx: digest_init(md)?,
            squeezing: false,
            remaining,
        })
    }

    pub fn update_bytes(&mut self, data: &[u8]) -> napi::Result<()> {
        if self.squeezing {
            return Err(error(
                ErrorCode::AlreadyFinalized,
                "Context was already squeezed.",
            ));
        }
        digest_update(&mut self.ctx, data)
    }

    pub fn copy_ctx(&self) -> napi::Result<XofHashCtx> {
        Ok(XofHashCtx {
            ctx: openssl_ext::md::duplicate(&self.ctx)
                .map_err(|e| openssl_error("EVP_MD_CTX_copy_ex", &e))?,
            squeezing: self.squeezing,
            remaining: self.remaining,
        })
    }

    pub fn squeeze_bytes(&mut self, length: i64) -> napi::Result<Output> {
        let length = u64::try_from(length).map_err(|_| {
            value_error(format!(
                "length must be a non-negative integer, got {length}"
            ))
        })?;
        if length > self.remaining {
            return Err(value_error(
                "Exceeded maximum squeeze limit specified by digest_size.",
            ));
        }
        let length = usize::try_from(length)
            .ok()
            .filter(|&n| n <= MAX_OUTPUT)
            .ok_or_else(|| {
                value_error(format!(
                    "cannot squeeze {length} bytes at once; at most {MAX_OUTPUT} per call"
                ))
            })?;
        let mut out = Output::zeroed(length)?;
        openssl_ext::md::squeeze(&mut self.ctx, &mut out)
            .map_err(|e| openssl_error("EVP_DigestSqueeze", &e))?;
        self.squeezing = true;
        self.remaining -= length as u64;
        Ok(out)
    }
}

#[napi]
impl XofHashCtx {
    #[napi(constructor)]
    pub fn new(id: u32, digest_size: i64) -> napi::Result<XofHashCtx> {
        XofHashCtx::create(id, digest_size)
    }

    #[napi(ts_args_type = "data: Uint8Array")]
    pub fn update(&mut self, data: &[u8]) -> napi::Result<()> {
        self.update_bytes(data)
    }

    #[napi]
    pub fn copy(&self) -> napi::Result<XofHashCtx> {
        self.copy_ctx()
    }

    #[napi(ts_return_type = "Buffer")]
    pub fn squeeze<'env>(
        &mut self,
        env: &'env Env,
        length: i64,
    ) -> napi::Result<BufferSlice<'env>> {
        self.squeeze_bytes(length)?.into_js(env)
    }
}

thread_local! {
    /// One reusable context per hash for the one-shot path: re-initializing a context with the
    /// digest it already holds allocates nothing.
    static ONE_SHOT: RefCell<[Option<MdCtx>; ROWS]> = const { RefCell::new([const { None }; ROWS]) };
}

/// The digest of `data` under hash `id` in one step (`digest_size` as for [`HashCtx::create`]).
pub fn hash_bytes(id: u32, digest_size: i64, data: &[u8]) -> napi::Result<Output> {
    let (row, md) = algorithm_by_id(id)?;
    let len = output_len(row, md, digest_size)?;
    ONE_SHOT.with(|contexts| {
        let mut contexts = contexts.borrow_mut();
        let slot = &mut contexts[id as usize];
        let ctx = match slot {
            Some(ctx) => {
                ctx.digest_init(md)
                    .map_err(|e| openssl_error("EVP_DigestInit_ex", &e))?;
                ctx
            }
            None => slot.insert(digest_init(md)?),
        };
        digest_update(ctx, data)?;
        digest_final(ctx, row.xof, len)
    })
}

/// What a signature scheme signs: the digest of `data` under hash `id` (through the one-shot
/// path's reused per-thread context), or `data` itself when the caller already hashed it
/// (PyCA's `Prehashed`), checked against the digest's size. Shared by RSA, ECDSA and DSA.
pub fn digest_or_prehashed(
    id: u32,
    digest_size: i64,
    prehashed: bool,
    data: &[u8],
) -> napi::Result<Output> {
    if !prehashed {
        return hash_bytes(id, digest_size, data);
    }
    let (row, md) = algorithm_by_id(id)?;
    if data.len() != output_len(row, md, digest_size)? {
        return Err(value_error(
            "The provided data must be the same length as the hash algorithm's digest size.",
        ));
    }
    let mut out = Output::zeroed(data.len())?;
    out.copy_from_slice(data);
    Ok(out)
}

/// The one-shot digest written into `out` (exactly the digest's length): the fast path of
/// `hash()`, where JavaScript hands over a pooled buffer instead of the addon creating one.
pub fn hash_into_bytes(
    id: u32,
    digest_size: i64,
    data: &[u8],
    out: &mut [u8],
) -> napi::Result<usize> {
    let (row, md) = algorithm_by_id(id)?;
    let len = output_len(row, md, digest_size)?;
    let out = out
        .get_mut(..len)
        .ok_or_else(|| value_error(format!("output buffer must hold {len} bytes")))?;
    ONE_SHOT.with(|contexts| {
        let mut contexts = contexts.borrow_mut();
        let slot = &mut contexts[id as usize];
        let ctx = match slot {
            Some(ctx) => {
                ctx.digest_init(md)
                    .map_err(|e| openssl_error("EVP_DigestInit_ex", &e))?;
                ctx
            }
            None => slot.insert(digest_init(md)?),
        };
        digest_update(ctx, data)?;
        if row.xof {
            ctx.digest_final_xof(out)
                .map_err(|e| openssl_error("EVP_DigestFinalXOF", &e))?;
            Ok(len)
        } else {
            ctx.digest_final(out)
                .map_err(|e| openssl_error("EVP_DigestFinal_ex", &e))
        }
    })
}

/// One-shot digest (a hazmat addition to PyCA's API): one native call, no context object.
#[napi(
    ts_args_type = "id: number, digestSize: number, data: Uint8Array",
    ts_return_type = "Buffer"
)]
pub fn hash_one_shot<'env>(
    env: &'env Env,
    id: u32,
    digest_size: i64,
    data: &[u8],
) -> napi::Result<BufferSlice<'env>> {
    hash_bytes(id, digest_size, data)?.into_js(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn id(name: &str) -> u32 {
        algorithm_id(name).unwrap() as u32
    }

    #[test]
    fn every_row_is_fetchable_with_pycas_digest_size() {
        let sizes = [
            ("sha1", 20),
            ("sha224", 28),
            ("sha256", 32),
            ("sha384", 48),
            ("sha512", 64),
            ("sha512-224", 28),
            ("sha512-256", 32),
            ("sha3-224", 28),
            ("sha3-256", 32),
            ("sha3-384", 48),
            ("sha3-512", 64),
            ("blake2b", 64),
            ("blake2s", 32),
            ("sm3", 32),
            ("md5", 16),
        ];
        for (name, size) in sizes {
            assert_eq!(message_digest(name).unwrap().size(), size, "{name}");
        }
        for name in ["shake128", "shake256"] {
            assert!(message_digest(name).is_ok());
            assert!(hash_algorithm_info(name.to_owned()).unwrap().xof);
        }
    }

    #[test]
    fn unknown_names_and_ids_are_unsupported_algorithm_errors() {
        let message = message_digest("sha-1").err().unwrap().reason;
        assert_eq!(
            message,
            "[ERR_HAZMAT_UNSUPPORTED_ALGORITHM] sha-1 is not a supported hash on this backend"
        );
        assert!(hash_algorithm_info("whirlpool".to_owned()).is_none());
        let message = HashCtx::create(ROWS as u32, 0).err().unwrap().reason;
        assert!(
            message.starts_with("[ERR_HAZMAT_UNSUPPORTED_ALGORITHM]"),
            "{message}"
        );
    }

    #[test]
    fn hash_context_matches_known_answers_and_refuses_use_after_finalize() {
        let mut ctx = HashCtx::create(id("sha256"), 0).unwrap();
        ctx.update_bytes(b"a").unwrap();
        ctx.update_bytes(b"bc").unwrap();
        let copy = ctx.copy_ctx().unwrap();
        assert_eq!(
            hex(&ctx.finalize_bytes().unwrap()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        for failure in [
            ctx.update_bytes(b"").err(),
            ctx.finalize_bytes().err(),
            ctx.copy_ctx().err(),
        ] {
            assert_eq!(
                failure.unwrap().reason,
                "[ERR_HAZMAT_ALREADY_FINALIZED] Context was already finalized."
            );
        }
        // The copy taken before finalize is still alive and independent.
        let mut copy = copy;
        copy.update_bytes(b"d").unwrap();
        assert_eq!(
            hex(&copy.finalize_bytes().unwrap()),
            hex(&hash_bytes(id("sha256"), 0, b"abcd").unwrap())
        );
    }

    #[test]
    fn shake_outputs_digest_size_bytes_and_rejects_nonpositive_sizes() {
        let out = hash_bytes(id("shake128"), 16, b"").unwrap();
        assert_eq!(hex(&out), "7f9c2ba4e88f827d616045507605853e");
        let long = hash_bytes(id("shake256"), 200, b"abc").unwrap();
        assert!(matches!(long, Output::Heap(_)));
        assert_eq!(long.len(), 200);
        for bad in [0, -1] {
            let message = HashCtx::create(id("shake128"), bad).err().unwrap().reason;
            assert!(
                message.starts_with("[ERR_HAZMAT_VALUE] digestSize must be a positive integer")
            );
        }
        let message = hash_bytes(id("shake128"), MAX_OUTPUT as i64 + 1, b"")
            .err()
            .unwrap()
            .reason;
        assert!(message.contains("squeeze it in parts"), "{message}");
        // Ordinary hashes ignore the digest size, as PyCA does.
        assert_eq!(hash_bytes(id("md5"), 3, b"").unwrap().len(), 16);
    }

    #[test]
    fn one_shot_reuses_its_context_and_agrees_with_the_streaming_context() {
        for row in &ALGORITHMS {
            let name = row.name;
            let n = id(name);
            let size = if row.xof { 33 } else { 0 };
            let first = hash_bytes(n, size, b"hazmat").unwrap().to_vec();
            let second = hash_bytes(n, size, b"hazmat").unwrap().to_vec();
            let mut ctx = HashCtx::create(n, size).unwrap();
            ctx.update_bytes(b"haz").unwrap();
            ctx.update_bytes(b"mat").unwrap();
            assert_eq!(first, second, "{name}");
            assert_eq!(first, ctx.finalize_bytes().unwrap().to_vec(), "{name}");
        }
    }

    #[test]
    fn xof_squeezes_in_parts_up_to_its_digest_size() {
        let mut xof = XofHashCtx::create(id("shake128"), 10).unwrap();
        xof.update_bytes(b"abc").unwrap();
        let before = xof.copy_ctx().unwrap();
        let mut parts = xof.squeeze_bytes(4).unwrap().to_vec();
        parts.extend_from_slice(&xof.squeeze_bytes(0).unwrap());
        parts.extend_from_slice(&xof.squeeze_bytes(6).unwrap());
        assert_eq!(
            parts,
            hash_bytes(id("shake128"), 10, b"abc").unwrap().to_vec()
        );
        assert_eq!(
            xof.squeeze_bytes(1).err().unwrap().reason,
            "[ERR_HAZMAT_VALUE] Exceeded maximum squeeze limit specified by digest_size."
        );
        assert_eq!(
            xof.update_bytes(b"x").err().unwrap().reason,
            "[ERR_HAZMAT_ALREADY_FINALIZED] Context was already squeezed."
        );
        // A copy taken while squeezing continues from the same point.
        let mut fresh = before;
        fresh.update_bytes(b"more").unwrap();
        assert_eq!(fresh.squeeze_bytes(10).unwrap().len(), 10);
        assert!(XofHashCtx::create(id("sha256"), 10).is_err());
        assert!(XofHashCtx::create(id("shake256"), 0).is_err());
    }

    #[test]
    fn output_keeps_short_values_inline_and_long_ones_on_the_heap() {
        let mut short = Output::zeroed(64).unwrap();
        short[0] = 1;
        short.truncate(20);
        assert!(matches!(short, Output::Inline { len: 20, .. }));
        assert_eq!(short[0], 1);
        assert!(matches!(Output::zeroed(65).unwrap(), Output::Heap(_)));
    }
}
