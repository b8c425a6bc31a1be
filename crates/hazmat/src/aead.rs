//! The AEADs of `hazmat/primitives/ciphers/aead` — AES-GCM, ChaCha20-Poly1305, AES-CCM,
//! AES-SIV, AES-OCB3, AES-GCM-SIV — as one code path driven by a per-algorithm table.
//!
//! An `Aead` object holds two OpenSSL contexts, each initialised once with the key, so a call
//! only sets the nonce: the key schedule is never redone. Each call is one raw native crossing
//! (`crate::fast`) that writes ciphertext ‖ tag (tag ‖ ciphertext for SIV, as PyCA) into a
//! caller-provided buffer.
//! Sizes are checked by the façade with PyCA's messages; the checks here only keep a buggy
//! caller from reaching out of bounds.

use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;
use openssl::cipher_ctx::CipherCtx;
use openssl::error::ErrorStack;
use openssl_ext::chacha_poly::{self, ChaCha20Poly1305};
use openssl_ext::cipher::{update, update_aad};
use zeroize::Zeroizing;

use crate::ciphers::fetch;
use crate::errors::{ErrorCode, error, openssl_error};
use crate::fast::Handle;

/// Where the tag goes in the sealed output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TagPlacement {
    /// ciphertext ‖ tag
    After,
    /// tag ‖ ciphertext (AES-SIV: the tag is the synthetic IV)
    Before,
}

/// One row of the AEAD table.
#[derive(Debug)]
struct AeadSpec {
    /// The façade's name for the algorithm.
    name: &'static str,
    /// OpenSSL cipher name for a key of `key_len` bytes.
    cipher_name: fn(key_len: usize) -> Option<&'static str>,
    placement: TagPlacement,
    /// OpenSSL needs the IV length set for nonces other than 12 bytes (GCM, OCB, CCM).
    variable_nonce: bool,
    /// CCM: the tag length and total message length must be announced before the AAD, and the
    /// nonce length is part of the key setup, so a new nonce length means keying again.
    announces_lengths: bool,
    /// The cipher reads the tag before it decrypts (CCM, SIV, GCM-SIV) instead of at the end.
    tag_before_decrypt: bool,
    /// CCM verifies inside the update; its final call adds nothing.
    skip_final_on_decrypt: bool,
    /// OpenSSL's AES-SIV and AES-GCM-SIV contexts allow one message per key setup, so each call
    /// starts from a copy of a keyed template instead (a copy, not a new key schedule).
    single_use_context: bool,
    /// Sealed and opened by OpenSSL's ChaCha20 and Poly1305 routines directly
    /// (`openssl_ext::chacha_poly`) instead of an EVP context, whose per-message bookkeeping is
    /// most of a small message's cost.
    direct_chacha_poly: bool,
}

fn aes_sized(key_len: usize, by_size: [(usize, &'static str); 3]) -> Option<&'static str> {
    by_size
        .iter()
        .find(|(size, _)| *size == key_len)
        .map(|(_, name)| *name)
}

const SPECS: [AeadSpec; 6] = [
    AeadSpec {
        name: "AESGCM",
        cipher_name: |len| {
            aes_sized(
                len,
                [
                    (16, "AES-128-GCM"),
                    (24, "AES-192-GCM"),
                    (32, "AES-256-GCM"),
                ],
            )
        },
        placement: TagPlacement::After,
        variable_nonce: true,
        announces_lengths: false,
        tag_before_decrypt: false,
        skip_final_on_decrypt: false,
        single_use_context: false,
        direct_chacha_poly: false,
    },
    AeadSpec {
        name: "ChaCha20Poly1305",
        cipher_name: |len| (len == 32).then_some("ChaCha20-Poly1305"),
        placement: TagPlacement::After,
        variable_nonce: false,
        announces_lengths: false,
        tag_before_decrypt: false,
        skip_final_on_decrypt: false,
        single_use_context: false,
        direct_chacha_poly: true,
    },
    AeadSpec {
        name: "AESCCM",
        cipher_name: |len| {
            aes_sized(
                len,
                [
                    (16, "AES-128-CCM"),
                    (24, "AES-192-CCM"),
                    (32, "AES-256-CCM"),
                ],
            )
        },
        placement: TagPlacement::After,
        variable_nonce: true,
        announces_lengths: true,
        tag_before_decrypt: true,
        skip_final_on_decrypt: true,
        single_use_context: false,
        direct_chacha_poly: false,
    },
    AeadSpec {
        name: "AESSIV",
        cipher_name: |len| {
            aes_sized(
                len,
                [
                    (32, "AES-128-SIV"),
                    (48, "AES-192-SIV"),
                    (64, "AES-256-SIV"),
                ],
            )
        },
        placement: TagPlacement::Before,
        variable_nonce: false,
        announces_lengths: false,
        tag_before_decrypt: true,
        skip_final_on_decrypt: false,
        single_use_context: true,
        direct_chacha_poly: false,
    },
    AeadSpec {
        name: "AESOCB3",
        cipher_name: |len| {
            aes_sized(
                len,
                [
                    (16, "AES-128-OCB"),
                    (24, "AES-192-OCB"),
                    (32, "AES-256-OCB"),
                ],
            )
        },
        placement: TagPlacement::After,
        variable_nonce: true,
        announces_lengths: false,
        tag_before_decrypt: false,
        skip_final_on_decrypt: false,
        single_use_context: false,
        direct_chacha_poly: false,
    },
    AeadSpec {
        name: "AESGCMSIV",
        cipher_name: |len| {
            aes_sized(
                len,
                [
                    (16, "AES-128-GCM-SIV"),
                    (24, "AES-192-GCM-SIV"),
                    (32, "AES-256-GCM-SIV"),
                ],
            )
        },
        placement: TagPlacement::After,
        variable_nonce: false,
        announces_lengths: false,
        tag_before_decrypt: true,
        skip_final_on_decrypt: false,
        single_use_context: true,
        direct_chacha_poly: false,
    },
];

/// A key-initialised context and the nonce length it is currently set up for.
struct KeyedContext {
    ctx: CipherCtx,
    nonce_len: usize,
    /// The key, kept (zeroized on drop) only for CCM, whose key setup depends on the nonce length.
    key_for_rekeying: Option<Zeroizing<Vec<u8>>>,
    /// The keyed, never-used context that single-use ciphers restart from.
    template: Option<CipherCtx>,
}

/// An AEAD with its key schedule done once (both directions).
pub struct Aead {
    spec: &'static AeadSpec,
    tag_length: usize,
    engine: Engine,
}

enum Engine {
    /// EVP contexts keyed once, one per direction.
    Evp {
        sealer: KeyedContext,
        opener: KeyedContext,
    },
    ChaChaPoly(Box<ChaCha20Poly1305>),
}

fn keyed(
    spec: &AeadSpec,
    key: &[u8],
    tag_length: usize,
    encrypt: bool,
) -> Result<KeyedContext, ErrorStack> {
    let cipher_name = (spec.cipher_name)(key.len()).expect("key length checked by the caller");
    let cipher = fetch(cipher_name).map_err(|_| ErrorStack::get())?;
    let mut ctx = CipherCtx::new()?;
    if encrypt {
        ctx.encrypt_init(Some(cipher), None, None)?;
    } else {
        ctx.decrypt_init(Some(cipher), None, None)?;
    }
    if spec.announces_lengths {
        ctx.set_tag_length(tag_length)?;
    }
    if encrypt {
        ctx.encrypt_init(None, Some(key), None)?;
    } else {
        ctx.decrypt_init(None, Some(key), None)?;
    }
    let nonce_len = ctx.iv_length();
    let template = if spec.single_use_context {
        let mut template = CipherCtx::new()?;
        template.copy(&ctx)?;
        Some(template)
    } else {
        None
    };
    Ok(KeyedContext {
        ctx,
        nonce_len,
        key_for_rekeying: spec.announces_lengths.then(|| Zeroizing::new(key.to_vec())),
        template,
    })
}

impl KeyedContext {
    /// Readies the context for a new message under `nonce` (AES-SIV takes none).
    fn restart(&mut self, spec: &AeadSpec, nonce: &[u8], encrypt: bool) -> Result<(), ErrorStack> {
        if let Some(template) = &self.template {
            self.ctx.copy(template)?;
        }
        let nonce = if spec.placement == TagPlacement::Before {
            None
        } else {
            Some(nonce)
        };
        if let Some(nonce) = nonce.filter(|n| spec.variable_nonce && n.len() != self.nonce_len) {
            self.ctx.set_iv_length(nonce.len())?;
            self.nonce_len = nonce.len();
            if let Some(key) = &self.key_for_rekeying {
                if encrypt {
                    self.ctx.encrypt_init(None, Some(key), None)?;
                } else {
                    self.ctx.decrypt_init(None, Some(key), None)?;
                }
            }
        }
        if encrypt {
            self.ctx.encrypt_init(None, None, nonce)
        } else {
            self.ctx.decrypt_init(None, None, nonce)
        }
    }
}

fn chacha_nonce(nonce: &[u8]) -> napi::Result<&[u8; chacha_poly::NONCE_LEN]> {
    nonce
        .try_into()
        .map_err(|_| error(ErrorCode::Value, "Nonce must be 12 bytes"))
}

impl Aead {
    /// Builds the contexts for algorithm `name` (a row of the table) with `key`.
    pub fn create(name: &str, key: &[u8], tag_length: usize) -> napi::Result<Aead> {
        let spec = SPECS.iter().find(|spec| spec.name == name).ok_or_else(|| {
            error(
                ErrorCode::UnsupportedAlgorithm,
                format!("unknown AEAD {name}"),
            )
        })?;
        if (spec.cipher_name)(key.len()).is_none() {
            return Err(error(
                ErrorCode::Value,
                format!("{name} does not take a {}-bit key", key.len() * 8),
            ));
        }
        let failed = |stack| openssl_error(name, &stack);
        let engine = if spec.direct_chacha_poly {
            let key = key.try_into().expect("key length checked by cipher_name");
            Engine::ChaChaPoly(Box::new(ChaCha20Poly1305::new(key)))
        } else {
            Engine::Evp {
                sealer: keyed(spec, key, tag_length, true).map_err(failed)?,
                opener: keyed(spec, key, tag_length, false).map_err(failed)?,
            }
        };
        Ok(Aead {
            spec,
            tag_length,
            engine,
        })
    }

    /// Encrypts `data` under `nonce` and `aads` into `out` (exactly `data.len() + tag_length`).
    pub fn seal_into(
        &mut self,
        nonce: &[u8],
        aads: &[&[u8]],
        data: &[u8],
        out: &mut [u8],
    ) -> napi::Result<usize> {
        let sealed_len = data.len() + self.tag_length;
        if out.len() < sealed_len {
            return Err(error(
                ErrorCode::Value,
                format!("buffer must be at least {sealed_len} bytes"),
            ));
        }
        let (spec, tag_length) = (self.spec, self.tag_length);
        let out = &mut out[..sealed_len];
        let keyed = match &mut self.engine {
            Engine::Evp { sealer, .. } => sealer,
            Engine::ChaChaPoly(aead) => {
                aead.seal(chacha_nonce(nonce)?, aads, data, out);
                return Ok(sealed_len);
            }
        };
        let mut run = || -> Result<(), ErrorStack> {
            keyed.restart(spec, nonce, true)?;
            let ctx = &mut keyed.ctx;
            if spec.announces_lengths {
                ctx.set_data_len(data.len())?;
            }
            for aad in aads {
                update_aad(ctx, aad)?;
            }
            let mut final_block = [0u8; 16];
            match spec.placement {
                TagPlacement::After => {
                    // The tag's room doubles as the slack a buffering cipher (OCB) needs; the
                    // tag is written over it last.
                    let written = update(ctx, data, out)?;
                    let finished = ctx.cipher_final(&mut final_block)?;
                    out[written..written + finished].copy_from_slice(&final_block[..finished]);
                    ctx.tag(&mut out[data.len()..])
                }
                TagPlacement::Before => {
                    let (tag, body) = out.split_at_mut(tag_length);
                    let mut staged = vec![0u8; data.len() + 15];
                    let written = update(ctx, data, &mut staged)?;
                    let finished = ctx.cipher_final(&mut final_block)?;
                    staged[written..written + finished].copy_from_slice(&final_block[..finished]);
                    body.copy_from_slice(&staged[..data.len()]);
                    ctx.tag(tag)
                }
            }
        };
        run().map_err(|stack| openssl_error(spec.name, &stack))?;
        Ok(sealed_len)
    }

    /// Decrypts and verifies `data` (as sealed) into `out`; InvalidTag on any mismatch.
    pub fn open_into(
        &mut self,
        nonce: &[u8],
        aads: &[&[u8]],
        data: &[u8],
        out: &mut [u8],
    ) -> napi::Result<usize> {
        let (spec, tag_length) = (self.spec, self.tag_length);
        let invalid = || error(ErrorCode::InvalidTag, "The tag did not verify.");
        if data.len() < tag_length {
            return Err(invalid());
        }
        let plain_len = data.len() - tag_length;
        if out.len() < plain_len {
            return Err(error(
                ErrorCode::Value,
                format!("buffer must be at least {plain_len} bytes"),
            ));
        }
        let (body, tag) = match spec.placement {
            TagPlacement::After => data.split_at(plain_len),
            TagPlacement::Before => {
                let (tag, body) = data.split_at(tag_length);
                (body, tag)
            }
        };
        let out = &mut out[..plain_len];
        let keyed = match &mut self.engine {
            Engine::Evp { opener, .. } => opener,
            Engine::ChaChaPoly(aead) => {
                return aead
                    .open(chacha_nonce(nonce)?, aads, data, out)
                    .map(|()| plain_len)
                    .map_err(|_| invalid());
            }
        };
        let mut run = || -> Result<(), ErrorStack> {
            keyed.restart(spec, nonce, false)?;
            let ctx = &mut keyed.ctx;
            if spec.tag_before_decrypt {
                ctx.set_tag(tag)?;
            }
            if spec.announces_lengths {
                ctx.set_data_len(body.len())?;
            }
            for aad in aads {
                update_aad(ctx, aad)?;
            }
            // Ciphers that buffer a partial block (OCB) need slack beyond the plaintext.
            let mut staged = vec![
                0u8;
                if ctx.block_size() > 1 {
                    body.len() + 16
                } else {
                    0
                }
            ];
            let target: &mut [u8] = if staged.is_empty() { out } else { &mut staged };
            let written = update(ctx, body, target)?;
            if !spec.tag_before_decrypt {
                ctx.set_tag(tag)?;
            }
            let mut final_block = [0u8; 16];
            let finished = if spec.skip_final_on_decrypt {
                0
            } else {
                ctx.cipher_final(&mut final_block)?
            };
            target[written..written + finished].copy_from_slice(&final_block[..finished]);
            if !staged.is_empty() {
                out.copy_from_slice(&staged[..plain_len]);
                staged.fill(0);
            }
            Ok(())
        };
        match run() {
            Ok(()) => Ok(plain_len),
            Err(_) => {
                out.fill(0);
                Err(invalid())
            }
        }
    }
}

/// `new native Aead` for the façade: `name` is a row of the AEAD table (AESGCM,
/// ChaCha20Poly1305, AESCCM, AESSIV, AESOCB3, AESGCMSIV). Messages are sealed and opened through
/// the raw `aeadSeal`/`aeadOpen` paths of `crate::fast`, which take this handle.
#[napi(
    ts_args_type = "name: string, key: Uint8Array, tagLength: number",
    ts_return_type = "object"
)]
pub fn aead_create(name: String, key: BufferSlice, tag_length: u32) -> napi::Result<Handle<Aead>> {
    Aead::create(&name, &key, tag_length as usize).map(Handle::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seal(aead: &mut Aead, nonce: &[u8], aad: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; data.len() + aead.tag_length];
        aead.seal_into(nonce, &[aad], data, &mut out).unwrap();
        out
    }

    fn open(aead: &mut Aead, nonce: &[u8], aad: &[u8], data: &[u8]) -> napi::Result<Vec<u8>> {
        let mut out = vec![0u8; data.len().saturating_sub(aead.tag_length)];
        aead.open_into(nonce, &[aad], data, &mut out).map(|_| out)
    }

    #[test]
    fn every_aead_round_trips_repeatedly_on_one_object_and_matches_a_fresh_one() {
        osrandom::install().unwrap();
        for (name, key_len, nonce_len, tag_length) in [
            ("AESGCM", 16, 12, 16),
            ("AESGCM", 32, 8, 16),
            ("ChaCha20Poly1305", 32, 12, 16),
            ("AESCCM", 16, 13, 16),
            ("AESCCM", 24, 7, 8),
            ("AESSIV", 32, 0, 16),
            ("AESSIV", 64, 0, 16),
            ("AESOCB3", 16, 15, 16),
            ("AESGCMSIV", 32, 12, 16),
        ] {
            let key = vec![0x42u8; key_len];
            let mut aead = Aead::create(name, &key, tag_length).unwrap();
            let nonce = vec![7u8; nonce_len];
            let first = seal(&mut aead, &nonce, b"aad", b"attack at dawn, bring snacks");
            let again = seal(&mut aead, &nonce, b"aad", b"attack at dawn, bring snacks");
            assert_eq!(first, again, "{name}: state carried over between calls");
            let mut fresh = Aead::create(name, &key, tag_length).unwrap();
            assert_eq!(
                first,
                seal(&mut fresh, &nonce, b"aad", b"attack at dawn, bring snacks")
            );
            for _ in 0..2 {
                let plain = open(&mut aead, &nonce, b"aad", &first).unwrap();
                assert_eq!(plain, b"attack at dawn, bring snacks", "{name}");
            }
            let mut tampered = first.clone();
            tampered[3] ^= 1;
            assert_eq!(
                open(&mut aead, &nonce, b"aad", &tampered)
                    .unwrap_err()
                    .reason,
                "[ERR_HAZMAT_INVALID_TAG] The tag did not verify.",
                "{name}"
            );
            assert!(
                open(&mut aead, &nonce, b"aaD", &first).is_err(),
                "{name}: AAD bound"
            );
            // The object still works after a failed verification.
            assert!(open(&mut aead, &nonce, b"aad", &first).is_ok(), "{name}");
            // Empty messages seal to a bare tag.
            let empty = seal(&mut aead, &nonce, b"", b"");
            assert_eq!(empty.len(), tag_length);
            assert_eq!(open(&mut aead, &nonce, b"", &empty).unwrap(), b"");
        }
    }

    #[test]
    fn short_input_and_short_buffers_are_errors_not_panics() {
        osrandom::install().unwrap();
        let mut aead = Aead::create("AESGCM", &[1u8; 16], 16).unwrap();
        assert!(open(&mut aead, &[0u8; 12], b"", &[0u8; 15]).is_err());
        let mut small = [0u8; 4];
        assert!(
            aead.seal_into(&[0u8; 12], &[], b"hello", &mut small)
                .is_err()
        );
        assert!(Aead::create("AESGCM", &[1u8; 15], 16).is_err());
        assert!(Aead::create("NOPE", &[1u8; 16], 16).is_err());
    }
}

#[cfg(test)]
mod known_answers {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn ccm_uses_every_byte_of_a_13_byte_nonce() {
        osrandom::install().unwrap();
        // NIST CCM VADT128.rsp, Count 0 (Tlen 16).
        let key = hex("d24a3d3dde8c84830280cb87abad0bb3");
        let nonce = hex("f1100035bb24a8d26004e0e24b");
        let plain = hex("7c86135ed9c2a515aaae0e9a208133897269220f30870006");
        let mut aead = Aead::create("AESCCM", &key, 16).unwrap();
        let mut out = vec![0u8; plain.len() + 16];
        aead.seal_into(&nonce, &[], &plain, &mut out).unwrap();
        assert!(out.starts_with(&hex("1faeb0ee")), "{out:02x?}");
        assert!(out.ends_with(&hex("d67b")), "{out:02x?}");
        // Switching nonce lengths on one object keys again and stays correct both ways.
        let mut short = vec![0u8; plain.len() + 16];
        aead.seal_into(&nonce[..7], &[], &plain, &mut short)
            .unwrap();
        let mut fresh = Aead::create("AESCCM", &key, 16).unwrap();
        let mut expected = vec![0u8; plain.len() + 16];
        fresh
            .seal_into(&nonce[..7], &[], &plain, &mut expected)
            .unwrap();
        assert_eq!(short, expected);
        aead.seal_into(&nonce, &[], &plain, &mut short).unwrap();
        assert_eq!(short, out);
        let mut opened = vec![0u8; plain.len()];
        aead.open_into(&nonce, &[], &out, &mut opened).unwrap();
        assert_eq!(opened, plain);
    }
}
