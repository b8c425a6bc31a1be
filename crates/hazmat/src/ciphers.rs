//! `Cipher(algorithm, mode).encryptor()/decryptor()`: one streaming context over an OpenSSL
//! cipher, with GCM's tag handling and XTS's first-block rule. The façade resolves PyCA's
//! algorithm + mode objects to an OpenSSL cipher name (`src/lib/cipher-names.ts`) and checks
//! sizes; this module enforces the context's state machine.

use napi::bindgen_prelude::{Buffer, BufferSlice};
use napi_derive::napi;
use openssl::cipher::CipherRef;
use openssl::cipher_ctx::CipherCtx;
use openssl_ext::cipher::{fetch_cached, update, update_aad};

use crate::errors::{ErrorCode, already_finalized, error, openssl_error};

/// NIST SP 800-38D limits that PyCA enforces per key/IV pair.
const GCM_MAX_ENCRYPTED_BYTES: u64 = (1 << 36) - 32;
const GCM_MAX_AAD_BYTES: u64 = (1 << 61) - 1;
const GCM_MAX_TAG_LENGTH: usize = 16;

/// Whether OpenSSL (with its default and legacy providers) offers the cipher `name`.
#[napi]
pub fn cipher_supported(name: String) -> bool {
    fetch_cached(&name).is_some()
}

/// Fetches `name` or reports it as unsupported.
pub fn fetch(name: &str) -> napi::Result<&'static CipherRef> {
    fetch_cached(name).ok_or_else(|| {
        error(
            ErrorCode::UnsupportedAlgorithm,
            format!("{name} is not supported by hazmat's OpenSSL"),
        )
    })
}

/// What a mode adds to the plain update/finalize cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ModeRules {
    /// Block modes with padding off (ECB, CBC): partial final block is a ValueError.
    Blocks,
    /// Stream-like modes (CTR, CFB, CFB8, OFB, ChaCha20, RC4).
    Stream { nonce_resettable: bool },
    /// GCM: AAD first, tag at the end, byte limits.
    Gcm,
    /// XTS: the first update must hold at least one block.
    Xts,
}

struct GcmState {
    /// The tag given in the mode (decryption), if any.
    mode_tag: Option<Vec<u8>>,
    min_tag_length: usize,
    encrypted_bytes: u64,
    aad_bytes: u64,
    /// The tag computed by a finished encryption.
    tag: Option<Vec<u8>>,
}

/// An encryption or decryption context (PyCA's `CipherContext` / `AEADCipherContext`).
#[napi]
pub struct CipherContext {
    /// `None` once finalized: every later call gets the one AlreadyFinalized error.
    ctx: Option<CipherCtx>,
    rules: ModeRules,
    encrypting: bool,
    block_size: usize,
    data_seen: bool,
    gcm: Option<GcmState>,
    /// ChaCha20: bytes left before the nonce's 32-bit block counter would wrap.
    keystream_left: Option<u64>,
}

/// ChaCha20's nonce starts with the little-endian block counter; the keystream ends when it
/// would wrap, 64 bytes per block.
fn chacha20_keystream_left(nonce: &[u8]) -> u64 {
    let counter = nonce.get(..4).map_or(0, |bytes| {
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    });
    ((1u64 << 32) - u64::from(counter)) * 64
}

/// The plain-Rust constructor behind `new CipherContext(...)`.
pub fn open_context(
    cipher_name: &str,
    mode: &str,
    key: &[u8],
    iv: Option<&[u8]>,
    encrypt: bool,
    gcm_tag: Option<&[u8]>,
    min_tag_length: usize,
) -> napi::Result<CipherContext> {
    let cipher = fetch(cipher_name)?;
    let rules = match mode {
        "ECB" | "CBC" => ModeRules::Blocks,
        "GCM" => ModeRules::Gcm,
        "XTS" => ModeRules::Xts,
        "CTR" => ModeRules::Stream {
            nonce_resettable: true,
        },
        "" if cipher_name == "ChaCha20" => ModeRules::Stream {
            nonce_resettable: true,
        },
        _ => ModeRules::Stream {
            nonce_resettable: false,
        },
    };
    let failed = |stack| openssl_error("cipher initialisation", &stack);
    let mut ctx = CipherCtx::new().map_err(failed)?;
    let init = |ctx: &mut CipherCtx, key: Option<&[u8]>, iv: Option<&[u8]>| {
        if encrypt {
            ctx.encrypt_init(None, key, iv)
        } else {
            ctx.decrypt_init(None, key, iv)
        }
    };
    if encrypt {
        ctx.encrypt_init(Some(cipher), None, None).map_err(failed)?;
    } else {
        ctx.decrypt_init(Some(cipher), None, None).map_err(failed)?;
    }
    // Variable-length ciphers (Blowfish, CAST5, RC4) take the key's own length.
    if key.len() != ctx.key_length() && ctx.set_key_length(key.len()).is_err() {
        let _ = openssl::error::ErrorStack::get();
        return Err(error(
            ErrorCode::Value,
            format!(
                "Invalid key size ({}) for {cipher_name}; it needs {} bits",
                key.len() * 8,
                ctx.key_length() * 8
            ),
        ));
    }
    match (rules, iv) {
        (ModeRules::Gcm, Some(iv)) => {
            ctx.set_iv_length(iv.len()).map_err(failed)?;
        }
        (_, Some(iv)) if iv.len() != ctx.iv_length() => {
            return Err(error(
                ErrorCode::Value,
                format!(
                    "Invalid IV size ({}) for {cipher_name}; it needs {} bytes",
                    iv.len(),
                    ctx.iv_length()
                ),
            ));
        }
        _ => {}
    }
    init(&mut ctx, Some(key), iv).map_err(failed)?;
    ctx.set_padding(false);
    let block_size = ctx.block_size();
    Ok(CipherContext {
        ctx: Some(ctx),
        rules,
        encrypting: encrypt,
        block_size,
        data_seen: false,
        keystream_left: (cipher_name == "ChaCha20")
            .then(|| chacha20_keystream_left(iv.unwrap_or(&[]))),
        gcm: (rules == ModeRules::Gcm).then(|| GcmState {
            mode_tag: gcm_tag.map(<[u8]>::to_vec),
            min_tag_length,
            encrypted_bytes: 0,
            aad_bytes: 0,
            tag: None,
        }),
    })
}

impl CipherContext {
    fn live(&mut self) -> napi::Result<&mut CipherCtx> {
        self.ctx.as_mut().ok_or_else(already_finalized)
    }

    /// Smallest output buffer `update_into` accepts for `len` input bytes.
    pub fn output_bound(&self, len: usize) -> usize {
        len + self.block_size.max(1) - 1
    }

    pub fn update_bytes(&mut self, data: &[u8], out: &mut [u8]) -> napi::Result<usize> {
        self.live()?;
        if self.rules == ModeRules::Xts && !self.data_seen && data.len() < self.block_size.max(16) {
            return Err(error(
                ErrorCode::Value,
                "In XTS mode you must supply at least a full block in the first update call. For AES this is 16 bytes.",
            ));
        }
        let needed = self.output_bound(data.len());
        if out.len() < needed {
            return Err(error(
                ErrorCode::Value,
                format!("buffer must be at least {needed} bytes for this payload"),
            ));
        }
        if let Some(left) = self.keystream_left.as_mut() {
            if data.len() as u64 > *left {
                return Err(error(
                    ErrorCode::Value,
                    "Exceeded the maximum number of bytes that can be encrypted with ChaCha20 for this nonce. The 32-bit counter portion of the nonce would overflow.",
                ));
            }
            *left -= data.len() as u64;
        }
        if let Some(gcm) = self.gcm.as_mut() {
            gcm.encrypted_bytes += data.len() as u64;
            if gcm.encrypted_bytes > GCM_MAX_ENCRYPTED_BYTES {
                return Err(error(
                    ErrorCode::Value,
                    "Exceeded maximum encrypted byte limit",
                ));
            }
        }
        let ctx = self.live()?;
        let written =
            update(ctx, data, out).map_err(|stack| openssl_error("cipher update", &stack))?;
        self.data_seen = true;
        Ok(written)
    }

    pub fn authenticate_additional_data_bytes(&mut self, data: &[u8]) -> napi::Result<()> {
        self.live()?;
        if self.data_seen {
            return Err(error(
                ErrorCode::AlreadyUpdated,
                "Update has been called on this context.",
            ));
        }
        let Some(gcm) = self.gcm.as_mut() else {
            return Err(error(
                ErrorCode::UnsupportedAlgorithm,
                "This mode does not authenticate additional data.",
            ));
        };
        gcm.aad_bytes += data.len() as u64;
        if gcm.aad_bytes > GCM_MAX_AAD_BYTES {
            return Err(error(
                ErrorCode::Value,
                "Exceeded maximum associated data byte limit",
            ));
        }
        update_aad(self.live()?, data).map_err(|stack| openssl_error("cipher AAD", &stack))
    }

    pub fn finalize_bytes(&mut self) -> napi::Result<Vec<u8>> {
        if let (false, Some(gcm)) = (self.encrypting, &self.gcm) {
            let Some(tag) = gcm.mode_tag.clone() else {
                return Err(error(
                    ErrorCode::Value,
                    "Authentication tag must be provided when decrypting.",
                ));
            };
            return self.finish_decryption_with(&tag);
        }
        let ctx = self.live()?;
        let mut out = vec![0u8; ctx.block_size().max(1)];
        let result = ctx.cipher_final(&mut out);
        let rules = self.rules;
        let written = match result {
            Ok(written) => written,
            Err(_) if rules == ModeRules::Blocks => {
                self.ctx = None;
                return Err(error(
                    ErrorCode::Value,
                    "The length of the provided data is not a multiple of the block length.",
                ));
            }
            Err(stack) => {
                self.ctx = None;
                return Err(openssl_error("cipher finalize", &stack));
            }
        };
        out.truncate(written);
        if let (Some(ctx), Some(gcm)) = (self.ctx.as_ref(), self.gcm.as_mut()) {
            let mut tag = vec![0u8; GCM_MAX_TAG_LENGTH];
            ctx.tag(&mut tag)
                .map_err(|stack| openssl_error("reading the GCM tag", &stack))?;
            gcm.tag = Some(tag);
        }
        self.ctx = None;
        Ok(out)
    }

    pub fn finalize_with_tag_bytes(&mut self, tag: &[u8]) -> napi::Result<Vec<u8>> {
        self.live()?;
        let Some(gcm) = &self.gcm else {
            return Err(error(
                ErrorCode::UnsupportedAlgorithm,
                "finalize_with_tag needs an AEAD mode (GCM).",
            ));
        };
        if self.encrypting {
            return Err(error(
                ErrorCode::Value,
                "finalize_with_tag is only for decryption.",
            ));
        }
        if gcm.mode_tag.is_some() {
            return Err(error(
                ErrorCode::Value,
                "Authentication tag must be provided only once.",
            ));
        }
        if tag.len() < gcm.min_tag_length {
            return Err(error(
                ErrorCode::Value,
                format!(
                    "Authentication tag must be {} bytes or longer.",
                    gcm.min_tag_length
                ),
            ));
        }
        self.finish_decryption_with(tag)
    }

    fn finish_decryption_with(&mut self, tag: &[u8]) -> napi::Result<Vec<u8>> {
        if tag.len() > GCM_MAX_TAG_LENGTH {
            return Err(error(
                ErrorCode::Value,
                "Authentication tag cannot be more than 16 bytes.",
            ));
        }
        let mut ctx = self.ctx.take().ok_or_else(already_finalized)?;
        ctx.set_tag(tag)
            .map_err(|stack| openssl_error("setting the GCM tag", &stack))?;
        let mut out = vec![0u8; ctx.block_size().max(1)];
        match ctx.cipher_final(&mut out) {
            Ok(written) => {
                out.truncate(written);
                Ok(out)
            }
            Err(_) => Err(error(ErrorCode::InvalidTag, "The tag did not verify.")),
        }
    }

    pub fn tag_bytes(&self) -> napi::Result<Vec<u8>> {
        match &self.gcm {
            Some(GcmState { tag: Some(tag), .. }) => Ok(tag.clone()),
            Some(_) if self.encrypting => Err(error(
                ErrorCode::NotYetFinalized,
                "You must finalize encryption before getting the tag.",
            )),
            _ => Err(error(
                ErrorCode::UnsupportedAlgorithm,
                "Only GCM encryption contexts have a tag.",
            )),
        }
    }

    pub fn reset_nonce_bytes(&mut self, nonce: &[u8]) -> napi::Result<()> {
        if !matches!(
            self.rules,
            ModeRules::Stream {
                nonce_resettable: true
            }
        ) {
            return Err(error(
                ErrorCode::UnsupportedAlgorithm,
                "This algorithm or mode does not support resetting the nonce.",
            ));
        }
        let encrypting = self.encrypting;
        let ctx = self.live()?;
        if nonce.len() != ctx.iv_length() {
            return Err(error(
                ErrorCode::Value,
                format!("Nonce must be {} bytes long", ctx.iv_length()),
            ));
        }
        let result = if encrypting {
            ctx.encrypt_init(None, None, Some(nonce))
        } else {
            ctx.decrypt_init(None, None, Some(nonce))
        };
        result.map_err(|stack| openssl_error("resetting the nonce", &stack))?;
        if let Some(left) = self.keystream_left.as_mut() {
            *left = chacha20_keystream_left(nonce);
        }
        Ok(())
    }
}

#[napi]
impl CipherContext {
    #[napi(
        constructor,
        ts_args_type = "cipherName: string, mode: string, key: Uint8Array, iv: Uint8Array | null | undefined, encrypt: boolean, gcmTag: Uint8Array | null | undefined, minTagLength: number"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        cipher_name: String,
        mode: String,
        key: BufferSlice,
        iv: Option<BufferSlice>,
        encrypt: bool,
        gcm_tag: Option<BufferSlice>,
        min_tag_length: u32,
    ) -> napi::Result<Self> {
        open_context(
            &cipher_name,
            &mode,
            &key,
            iv.as_deref(),
            encrypt,
            gcm_tag.as_deref(),
            min_tag_length as usize,
        )
    }

    /// Encrypts/decrypts `data` into `out`; returns the bytes written.
    #[napi(ts_args_type = "data: Uint8Array, out: Uint8Array")]
    pub fn update_into(&mut self, data: BufferSlice, mut out: BufferSlice) -> napi::Result<u32> {
        self.update_bytes(&data, &mut out).map(|n| n as u32)
    }

    #[napi(ts_args_type = "data: Uint8Array")]
    pub fn authenticate_additional_data(&mut self, data: BufferSlice) -> napi::Result<()> {
        self.authenticate_additional_data_bytes(&data)
    }

    #[napi]
    pub fn finalize(&mut self) -> napi::Result<Buffer> {
        self.finalize_bytes().map(Buffer::from)
    }

    #[napi(ts_args_type = "tag: Uint8Array")]
    pub fn finalize_with_tag(&mut self, tag: BufferSlice) -> napi::Result<Buffer> {
        self.finalize_with_tag_bytes(&tag).map(Buffer::from)
    }

    #[napi]
    pub fn tag(&self) -> napi::Result<Buffer> {
        self.tag_bytes().map(Buffer::from)
    }

    #[napi(ts_args_type = "nonce: Uint8Array")]
    pub fn reset_nonce(&mut self, nonce: BufferSlice) -> napi::Result<()> {
        self.reset_nonce_bytes(&nonce)
    }
}
