//! Raw Node-API entry points for the calls made once per small message: AEAD seal/open, the
//! one-shot hash and HMAC, and `Hash`'s update/copy/finalize. Everything else goes through
//! napi-rs.
//!
//! Why they exist: napi-rs's generated glue checks each argument with several Node-API calls
//! and finds a class method's receiver through a process-wide registry. Measured here (Node 20,
//! x86-64), a class method taking four Buffers costs ~350 ns before any work, and a free
//! function ~200 ns, while AES-256-GCM sealing 64 bytes takes ~105 ns. Written against
//! Node-API directly the same call costs ~85 ns: one `napi_get_cb_info`, one
//! `napi_get_buffer_info` per buffer, and the Rust object found through a tagged
//! `napi_external` ([`Handle`]) instead of a wrapped class.
//!
//! The façade validates every argument with PyCA's rules and messages before it calls, so the
//! checks here only make a wrong call an exception instead of undefined behaviour: every
//! Node-API status is checked, a handle must carry the expected type's tag, an output buffer
//! that overlaps an input makes the inputs be copied first, and a panic becomes an
//! `InternalError`. `fastPaths()` returns the functions; `src/lib/fast.ts` is the typed twin
//! the façade uses.

use std::any::TypeId;
use std::ffi::{CStr, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::null_mut;

use napi::bindgen_prelude::{Object, ToNapiValue};
use napi::{Env, JsError, JsValue, Status, sys};
use napi_derive::napi;

use crate::aead::Aead;
use crate::errors::{ErrorCode, error};
use crate::hashes::{HashCtx, Output, hash_into_bytes};
use crate::mac::hmac_into_bytes;

/// A Rust value owned by a JavaScript object (a `napi_external`), dropped when that object is
/// collected. Returned by napi-rs functions (`aeadCreate`, `hashCreate`) and passed back to the
/// raw paths. napi-rs's own `External<T>` is the same idea, but reaching its payload from a raw
/// callback would depend on napi-rs's private layout; this one's layout is ours.
pub struct Handle<T: 'static>(Box<Tagged<T>>);

/// The external's payload: the tag first, at the same offset whatever `T` is, so it can be
/// checked before the pointer is taken to be a `T`.
#[repr(C)]
struct Tagged<T> {
    tag: TypeId,
    value: T,
}

impl<T: 'static> Handle<T> {
    pub fn new(value: T) -> Self {
        Handle(Box::new(Tagged {
            tag: TypeId::of::<T>(),
            value,
        }))
    }
}

unsafe extern "C" fn drop_handle<T: 'static>(
    _env: sys::napi_env,
    data: *mut c_void,
    _hint: *mut c_void,
) {
    // SAFETY: `data` is the box leaked in `to_napi_value`; Node finalises an external once.
    drop(unsafe { Box::from_raw(data.cast::<Tagged<T>>()) });
}

impl<T: 'static> ToNapiValue for Handle<T> {
    unsafe fn to_napi_value(env: sys::napi_env, handle: Self) -> napi::Result<sys::napi_value> {
        let data = Box::into_raw(handle.0);
        let mut external = null_mut();
        // SAFETY: `env` is the live env of this call; on success Node owns `data` and calls
        // `drop_handle::<T>` exactly once.
        let status = unsafe {
            sys::napi_create_external(
                env,
                data.cast(),
                Some(drop_handle::<T>),
                null_mut(),
                &mut external,
            )
        };
        if status != sys::Status::napi_ok {
            // SAFETY: Node did not take `data`; it is still ours to free.
            drop(unsafe { Box::from_raw(data) });
            return Err(napi::Error::new(
                Status::from(status),
                "could not create a native handle",
            ));
        }
        Ok(external)
    }
}

/// Bytes of a JavaScript `Uint8Array`/`Buffer` argument, valid for the rest of the call: once
/// any bytes are taken no JavaScript runs before the call returns (`bytes_list` is read first),
/// so nothing can detach or resize them.
#[derive(Clone, Copy)]
struct Bytes {
    ptr: *mut u8,
    len: usize,
}

impl Bytes {
    fn as_slice<'a>(self) -> &'a [u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: Node-API gave this pointer and length for a live view (see the type's doc).
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// # Safety
    /// No other slice over these bytes may be alive while the result is used.
    unsafe fn as_mut_slice<'a>(self) -> &'a mut [u8] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: as `as_slice`; exclusivity is the caller's promise.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }

    fn overlaps(self, other: Bytes) -> bool {
        let (a, b) = (self.ptr as usize, other.ptr as usize);
        self.len > 0 && other.len > 0 && a < b + other.len && b < a + self.len
    }
}

/// A list argument; the common cases (none, one) need no allocation.
enum BytesList {
    None,
    One(Bytes),
    Many(Vec<Bytes>),
}

/// An input that may have been copied away from the output buffer it overlapped.
enum Input {
    Borrowed(Bytes),
    Copied(Vec<u8>),
}

impl Input {
    fn new(bytes: Bytes, out: Bytes) -> Input {
        if bytes.overlaps(out) {
            Input::Copied(bytes.as_slice().to_vec())
        } else {
            Input::Borrowed(bytes)
        }
    }

    fn as_slice(&self) -> &[u8] {
        match self {
            Input::Borrowed(bytes) => bytes.as_slice(),
            Input::Copied(copy) => copy,
        }
    }
}

fn type_error(message: String) -> napi::Error {
    napi::Error::new(Status::InvalidArg, message)
}

const MAX_ARGS: usize = 5;

/// The arguments of one raw call.
struct Args {
    env: sys::napi_env,
    argv: [sys::napi_value; MAX_ARGS],
}

impl Args {
    fn read(env: sys::napi_env, info: sys::napi_callback_info) -> napi::Result<Args> {
        let mut argc = MAX_ARGS;
        let mut argv = [null_mut(); MAX_ARGS];
        // SAFETY: `argv` has room for `argc` values; missing arguments are set to `undefined`.
        let status = unsafe {
            sys::napi_get_cb_info(
                env,
                info,
                &mut argc,
                argv.as_mut_ptr(),
                null_mut(),
                null_mut(),
            )
        };
        if status != sys::Status::napi_ok {
            return Err(type_error("could not read the arguments".into()));
        }
        Ok(Args { env, argv })
    }

    fn value_type(&self, index: usize) -> sys::napi_valuetype {
        let mut kind = sys::ValueType::napi_undefined;
        // SAFETY: a value of this call's scope.
        unsafe { sys::napi_typeof(self.env, self.argv[index], &mut kind) };
        kind
    }

    fn is_nullish(&self, index: usize) -> bool {
        matches!(
            self.value_type(index),
            sys::ValueType::napi_null | sys::ValueType::napi_undefined
        )
    }

    fn bytes_of(&self, value: sys::napi_value, what: &str) -> napi::Result<Bytes> {
        let mut data = null_mut();
        let mut len = 0usize;
        // SAFETY: `value` belongs to this call's scope; Node checks it is an ArrayBufferView.
        let status = unsafe { sys::napi_get_buffer_info(self.env, value, &mut data, &mut len) };
        if status != sys::Status::napi_ok {
            return Err(type_error(format!("{what} must be a Uint8Array")));
        }
        Ok(Bytes {
            ptr: data.cast(),
            len,
        })
    }

    fn bytes(&self, index: usize, what: &str) -> napi::Result<Bytes> {
        self.bytes_of(self.argv[index], what)
    }

    fn optional_bytes(&self, index: usize, what: &str) -> napi::Result<Option<Bytes>> {
        if self.is_nullish(index) {
            return Ok(None);
        }
        self.bytes(index, what).map(Some)
    }

    /// `null`/`undefined`, one `Uint8Array`, or an array of them.
    fn bytes_list(&self, index: usize, what: &str) -> napi::Result<BytesList> {
        if self.is_nullish(index) {
            return Ok(BytesList::None);
        }
        let value = self.argv[index];
        let mut is_array = false;
        // SAFETY: a value of this call's scope.
        unsafe { sys::napi_is_array(self.env, value, &mut is_array) };
        if !is_array {
            return Ok(BytesList::One(self.bytes_of(value, what)?));
        }
        let mut length = 0u32;
        // SAFETY: `value` is an array.
        unsafe { sys::napi_get_array_length(self.env, value, &mut length) };
        // Reading an element may run JavaScript (a getter), which could detach a buffer whose
        // bytes were already taken: take every element first, then their bytes.
        let items = (0..length)
            .map(|i| {
                let mut item = null_mut();
                // SAFETY: reading an element of an array of this scope.
                let status = unsafe { sys::napi_get_element(self.env, value, i, &mut item) };
                if status != sys::Status::napi_ok {
                    return Err(type_error(format!("{what} must be a list of Uint8Array")));
                }
                Ok(item)
            })
            .collect::<napi::Result<Vec<_>>>()?;
        let items = items
            .into_iter()
            .map(|item| self.bytes_of(item, what))
            .collect::<napi::Result<_>>()?;
        Ok(BytesList::Many(items))
    }

    /// A row of one of the crate's algorithm tables (`crate::hashes`' ids).
    fn row(&self, index: usize, what: &str) -> napi::Result<u32> {
        u32::try_from(self.i64(index, what)?)
            .map_err(|_| type_error(format!("{what} must be a hash table row")))
    }

    fn i64(&self, index: usize, what: &str) -> napi::Result<i64> {
        let mut value = 0i64;
        // SAFETY: a value of this call's scope; Node checks it is a number.
        let status = unsafe { sys::napi_get_value_int64(self.env, self.argv[index], &mut value) };
        if status != sys::Status::napi_ok {
            return Err(type_error(format!("{what} must be a number")));
        }
        Ok(value)
    }

    /// The `T` behind a handle argument, as a pointer: the caller makes the one `&mut` to it.
    fn handle<T: 'static>(&self, index: usize, what: &str) -> napi::Result<*mut T> {
        let mut data = null_mut();
        // SAFETY: a value of this call's scope; Node checks it is an external.
        let status = unsafe { sys::napi_get_value_external(self.env, self.argv[index], &mut data) };
        if status != sys::Status::napi_ok || data.is_null() {
            return Err(type_error(format!("{what} must be a hazmat native handle")));
        }
        let tagged = data.cast::<Tagged<T>>();
        // SAFETY: the externals this addon creates are all `Tagged<_>`, whose tag sits at
        // offset 0 whatever the payload; only when it names `T` is the payload used as a `T`.
        unsafe {
            if tagged.cast::<TypeId>().read() != TypeId::of::<T>() {
                return Err(type_error(format!("{what} is a handle of another kind")));
            }
            Ok(&raw mut (*tagged).value)
        }
    }
}

/// What a raw call returns to JavaScript.
trait Reply {
    fn into_js(self, env: sys::napi_env) -> napi::Result<sys::napi_value>;
}

/// A count of bytes written.
impl Reply for u32 {
    fn into_js(self, env: sys::napi_env) -> napi::Result<sys::napi_value> {
        let mut number = null_mut();
        // SAFETY: `env` is this call's env.
        unsafe { sys::napi_create_uint32(env, self, &mut number) };
        Ok(number)
    }
}

/// `undefined`.
impl Reply for () {
    fn into_js(self, _env: sys::napi_env) -> napi::Result<sys::napi_value> {
        // A callback that returns no value returns `undefined` to JavaScript.
        Ok(null_mut())
    }
}

/// A new `Buffer` holding the bytes.
impl Reply for Output {
    fn into_js(self, env: sys::napi_env) -> napi::Result<sys::napi_value> {
        let mut buffer = null_mut();
        // SAFETY: `env` is this call's env; Node copies `len` bytes from the live slice.
        let status = unsafe {
            sys::napi_create_buffer_copy(
                env,
                self.len(),
                self.as_ptr().cast(),
                null_mut(),
                &mut buffer,
            )
        };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(
                Status::from(status),
                "could not create the output Buffer",
            ));
        }
        Ok(buffer)
    }
}

impl<T: 'static> Reply for Handle<T> {
    fn into_js(self, env: sys::napi_env) -> napi::Result<sys::napi_value> {
        // SAFETY: `env` is this call's env.
        unsafe { Handle::to_napi_value(env, self) }
    }
}

/// Runs a raw call's body: its reply becomes the return value, its error an exception, and a
/// panic an `InternalError` instead of an abort at the FFI boundary.
fn run<R: Reply>(
    env: sys::napi_env,
    info: sys::napi_callback_info,
    name: &str,
    body: fn(&Args) -> napi::Result<R>,
) -> sys::napi_value {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        body(&Args::read(env, info)?)?.into_js(env)
    }));
    let result = outcome.unwrap_or_else(|_| {
        Err(error(
            ErrorCode::Internal,
            format!("hazmat failed inside {name}"),
        ))
    });
    result.unwrap_or_else(|err| {
        // SAFETY: `env` is this call's env; returning null after throwing is the protocol.
        unsafe { JsError::from(err).throw_into(env) };
        null_mut()
    })
}

/// `aeadSeal(aead, nonce | null, data, aad | aad[] | null, out)` and `aeadOpen(…)`.
fn aead_call(args: &Args, sealing: bool) -> napi::Result<u32> {
    // The list first: reading it may run JavaScript, so nothing else may be held yet.
    let aads = args.bytes_list(3, "associated data")?;
    // SAFETY: no JavaScript runs from here on and calls take one handle, so this is the only
    // reference to the `Aead` while the call lasts.
    let aead = unsafe { &mut *args.handle::<Aead>(0, "aead")? };
    let nonce = args.optional_bytes(1, "nonce")?;
    let data = args.bytes(2, "data")?;
    let out = args.bytes(4, "out")?;
    let nonce = nonce.map(|nonce| Input::new(nonce, out));
    let nonce = nonce.as_ref().map_or(&[][..], Input::as_slice);
    let data = Input::new(data, out);
    let data = data.as_slice();
    // SAFETY: every input overlapping `out` is copied before this is used.
    let out_slice = || unsafe { out.as_mut_slice() };
    let mut call = |aads: &[&[u8]]| -> napi::Result<usize> {
        if sealing {
            aead.seal_into(nonce, aads, data, out_slice())
        } else {
            aead.open_into(nonce, aads, data, out_slice())
        }
    };
    let written = match aads {
        BytesList::None => call(&[])?,
        BytesList::One(aad) => call(&[Input::new(aad, out).as_slice()])?,
        BytesList::Many(aads) => {
            let copies: Vec<Input> = aads.into_iter().map(|aad| Input::new(aad, out)).collect();
            call(&copies.iter().map(Input::as_slice).collect::<Vec<_>>())?
        }
    };
    Ok(written as u32)
}

unsafe extern "C" fn aead_seal(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, info, "aeadSeal", |args| aead_call(args, true))
}

unsafe extern "C" fn aead_open(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, info, "aeadOpen", |args| aead_call(args, false))
}

/// `hashInto(id, digestSize, data, out)`: the one-shot digest of `hash()`.
unsafe extern "C" fn hash_into(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, info, "hashInto", |args| {
        let id = args.row(0, "id")?;
        let digest_size = args.i64(1, "digestSize")?;
        let data = args.bytes(2, "data")?;
        let out = args.bytes(3, "out")?;
        let data = Input::new(data, out);
        // SAFETY: `data` was copied if it overlapped `out`.
        let out = unsafe { out.as_mut_slice() };
        hash_into_bytes(id, digest_size, data.as_slice(), out).map(|n| n as u32)
    })
}

/// Runs `f` on the `HashCtx` behind argument 0 (see `aead_call` for why the `&mut` is
/// exclusive).
fn with_hash_ctx<R>(
    args: &Args,
    f: impl FnOnce(&mut HashCtx) -> napi::Result<R>,
) -> napi::Result<R> {
    // SAFETY: one handle per call, calls one at a time on the JS thread, no JavaScript runs.
    f(unsafe { &mut *args.handle::<HashCtx>(0, "hash context")? })
}

/// `hashUpdate(ctx, data)`: PyCA's `Hash.update`.
unsafe extern "C" fn hash_update(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, info, "hashUpdate", |args| {
        let data = args.bytes(1, "data")?;
        with_hash_ctx(args, |ctx| ctx.update_bytes(data.as_slice()))
    })
}

/// `hashCopy(ctx)`: a new context continuing from this one's state.
unsafe extern "C" fn hash_copy(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, info, "hashCopy", |args| {
        with_hash_ctx(args, |ctx| ctx.copy_ctx().map(Handle::new))
    })
}

/// `hashFinalize(ctx)`: the digest, as a new Buffer; the context is spent.
unsafe extern "C" fn hash_finalize(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, info, "hashFinalize", |args| {
        with_hash_ctx(args, HashCtx::finalize_bytes)
    })
}

/// `hmacInto(hashId, key, data, out)`: the one call behind `new HMAC(…).update(…).finalize()`
/// for data the façade collected.
unsafe extern "C" fn hmac_into(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    run(env, info, "hmacInto", |args| {
        let hash_id = args.row(0, "hashId")?;
        let key = args.bytes(1, "key")?;
        let data = args.bytes(2, "data")?;
        let out = args.bytes(3, "out")?;
        let (key, data) = (Input::new(key, out), Input::new(data, out));
        // SAFETY: the inputs were copied if they overlapped `out`.
        let out = unsafe { out.as_mut_slice() };
        hmac_into_bytes(hash_id, key.as_slice(), data.as_slice(), out).map(|n| n as u32)
    })
}

type RawCallback = unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value;

const FAST_PATHS: [(&CStr, RawCallback); 7] = [
    (c"aeadSeal", aead_seal),
    (c"aeadOpen", aead_open),
    (c"hashInto", hash_into),
    (c"hashUpdate", hash_update),
    (c"hashCopy", hash_copy),
    (c"hashFinalize", hash_finalize),
    (c"hmacInto", hmac_into),
];

/// The raw functions, as an object the façade reads once (`src/lib/fast.ts`).
#[napi(ts_return_type = "object")]
pub fn fast_paths(env: &Env) -> napi::Result<Object<'_>> {
    let paths = Object::new(env)?;
    for (name, callback) in FAST_PATHS {
        let mut function = null_mut();
        // SAFETY: `env` is this call's env and `paths` an object of its scope; `name` is a
        // NUL-terminated literal.
        let status = unsafe {
            sys::napi_create_function(
                env.raw(),
                name.as_ptr(),
                name.count_bytes() as isize,
                Some(callback),
                null_mut(),
                &mut function,
            )
        };
        if status == sys::Status::napi_ok {
            // SAFETY: as above.
            let status = unsafe {
                sys::napi_set_named_property(env.raw(), paths.raw(), name.as_ptr(), function)
            };
            if status == sys::Status::napi_ok {
                continue;
            }
        }
        return Err(napi::Error::new(
            Status::from(status),
            format!("could not create {}", name.to_string_lossy()),
        ));
    }
    Ok(paths)
}
