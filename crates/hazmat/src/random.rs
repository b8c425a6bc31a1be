//! Random bytes for JavaScript, always drawn through the addon's OpenSSL RAND (so from the OS
//! random engine while it is active). Sizes and offsets are validated by the façade; the checks
//! here only keep a buggy caller from reaching out of bounds.

use napi::bindgen_prelude::{AsyncTask, Buffer, BufferSlice};
use napi::{Env, Task};
use napi_derive::napi;

use crate::errors::{ErrorCode, error, openssl_error};

fn checked_range(len: usize, offset: i64, size: i64) -> napi::Result<std::ops::Range<usize>> {
    let within =
        offset >= 0 && size >= 0 && (offset as u64).saturating_add(size as u64) <= len as u64;
    if !within {
        return Err(error(
            ErrorCode::Value,
            format!("range offset={offset} size={size} is outside a buffer of {len} bytes"),
        ));
    }
    Ok(offset as usize..(offset + size) as usize)
}

/// RAND_bytes takes an `int` length, so very large requests go in chunks.
const MAX_RAND_REQUEST: usize = 1 << 30;

fn fill_through_openssl(out: &mut [u8]) -> napi::Result<()> {
    for chunk in out.chunks_mut(MAX_RAND_REQUEST) {
        openssl::rand::rand_bytes(chunk).map_err(|stack| openssl_error("RAND_bytes", &stack))?;
    }
    Ok(())
}

/// Fills all of `buf` in place: the hot path of `randomBytes`, with no range to convert.
#[napi(ts_args_type = "buf: Uint8Array")]
pub fn random_fill_all(mut buf: BufferSlice) -> napi::Result<()> {
    fill_through_openssl(&mut buf)
}

/// Fills `buf[offset .. offset + size]` in place (sync, borrowed memory, no copy).
#[napi(ts_args_type = "buf: Uint8Array, offset: number, size: number")]
pub fn random_fill(mut buf: BufferSlice, offset: i64, size: i64) -> napi::Result<()> {
    let range = checked_range(buf.len(), offset, size)?;
    fill_through_openssl(&mut buf[range])
}

pub struct RandomFillTask {
    buf: Buffer,
    range: std::ops::Range<usize>,
}

impl Task for RandomFillTask {
    type Output = ();
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<()> {
        // The task holds a reference to the buffer, so its memory stays alive. As with
        // node:crypto.randomFill, JS must not read the buffer until the promise settles.
        fill_through_openssl(&mut self.buf[self.range.clone()])
    }

    fn resolve(&mut self, _env: Env, _output: ()) -> napi::Result<()> {
        Ok(())
    }
}

/// Fills `buf[offset .. offset + size]` on the libuv thread pool.
#[napi(
    ts_args_type = "buf: Uint8Array, offset: number, size: number",
    ts_return_type = "Promise<void>"
)]
pub fn random_fill_async(
    buf: Buffer,
    offset: i64,
    size: i64,
) -> napi::Result<AsyncTask<RandomFillTask>> {
    let range = checked_range(buf.len(), offset, size)?;
    Ok(AsyncTask::new(RandomFillTask { buf, range }))
}

pub struct RandomBytesTask {
    size: usize,
}

impl Task for RandomBytesTask {
    type Output = Vec<u8>;
    type JsValue = Buffer;

    fn compute(&mut self) -> napi::Result<Vec<u8>> {
        let mut bytes = vec![0u8; self.size];
        fill_through_openssl(&mut bytes)?;
        Ok(bytes)
    }

    fn resolve(&mut self, _env: Env, bytes: Vec<u8>) -> napi::Result<Buffer> {
        Ok(bytes.into())
    }
}

/// `size` fresh random bytes, drawn on the libuv thread pool.
#[napi(ts_return_type = "Promise<Buffer>")]
pub fn random_bytes_async(size: i64) -> napi::Result<AsyncTask<RandomBytesTask>> {
    let size = usize::try_from(size)
        .map_err(|_| error(ErrorCode::Value, format!("size must be >= 0, got {size}")))?;
    Ok(AsyncTask::new(RandomBytesTask { size }))
}

/// Benchmark ceiling only: fills `buf` straight from the OS source with no OpenSSL in between.
/// Not part of the public façade.
#[napi(ts_args_type = "buf: Uint8Array")]
pub fn os_random_fill_raw(mut buf: BufferSlice) -> napi::Result<()> {
    osrandom::fill_from_os(&mut buf)
        .map_err(|e| error(ErrorCode::Internal, format!("OS random source failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_range_accepts_ranges_inside_the_buffer() {
        assert_eq!(checked_range(16, 0, 16).unwrap(), 0..16);
        assert_eq!(checked_range(16, 4, 8).unwrap(), 4..12);
        assert_eq!(checked_range(16, 16, 0).unwrap(), 16..16);
        assert_eq!(checked_range(0, 0, 0).unwrap(), 0..0);
    }

    #[test]
    fn checked_range_rejects_everything_else_with_a_value_error() {
        for (offset, size) in [
            (-1, 1),
            (0, -1),
            (0, 17),
            (10, 7),
            (17, 0),
            (i64::MAX, i64::MAX),
        ] {
            let message = checked_range(16, offset, size).unwrap_err().reason;
            assert!(
                message.starts_with("[ERR_HAZMAT_VALUE] range offset="),
                "{message}"
            );
        }
    }

    #[test]
    fn fill_through_openssl_fills_every_byte_of_large_and_empty_buffers() {
        osrandom::install().unwrap();
        fill_through_openssl(&mut []).unwrap();
        let mut large = vec![0u8; 3 << 20];
        fill_through_openssl(&mut large).unwrap();
        // A 64 KiB window of zeros would mean a chunk was skipped.
        assert!(
            large
                .chunks(1 << 16)
                .all(|window| window.iter().any(|&b| b != 0))
        );
    }
}
