//! Signing and verifying X.509 objects with the addon's OpenSSL: which AlgorithmIdentifier a
//! key writes (`hazmat_x509::algorithm`), and the OpenSSL context set-up for each family.

use hazmat_x509::algorithm::{
    RsaPadding, SignerKind, digest_size, signature_algorithm_der, signer_kind_of,
};
use hazmat_x509::model::{
    RsaPaddingModel, SignOptionsModel, SignatureAlgorithmModel, SignatureParametersModel,
};
use openssl::md::MdRef;
use openssl::md_ctx::MdCtx;
use openssl::pkey::{HasPublic, Id, PKeyRef, Private};
use openssl::pkey_ctx::{NonceType, PkeyCtxRef};
use openssl::rsa::Padding;
use openssl::sign::RsaPssSaltlen;

use crate::errors::{ErrorCode, error, openssl_error};
use crate::hashes::message_digest;

/// The signature family of a key, if it can sign certificates.
pub fn signer_kind<T>(pkey: &PKeyRef<T>) -> Option<SignerKind> {
    match pkey.id() {
        Id::RSA => Some(SignerKind::Rsa),
        Id::EC => Some(SignerKind::Ec),
        Id::DSA => Some(SignerKind::Dsa),
        Id::ED25519 => Some(SignerKind::Ed25519),
        Id::ED448 => Some(SignerKind::Ed448),
        _ => match openssl_ext::pkey::type_name(pkey).as_deref() {
            Some("ML-DSA-44") => Some(SignerKind::MlDsa44),
            Some("ML-DSA-65") => Some(SignerKind::MlDsa65),
            Some("ML-DSA-87") => Some(SignerKind::MlDsa87),
            _ => None,
        },
    }
}

fn digest(name: &str) -> napi::Result<&'static MdRef> {
    message_digest(name).map_err(|_| {
        error(
            ErrorCode::UnsupportedAlgorithm,
            format!("the hash algorithm {name} is not supported for X.509 signatures"),
        )
    })
}

/// A signer's whole plan: the AlgorithmIdentifier it writes and how OpenSSL must sign.
pub struct SignPlan {
    pub algorithm: Vec<u8>,
    hash: Option<String>,
    padding: Option<RsaPadding>,
    deterministic: bool,
}

/// Resolves the options against the key (PSS salt length sentinels included) into a plan.
pub fn plan(key: &PKeyRef<Private>, options: &SignOptionsModel) -> napi::Result<SignPlan> {
    let kind = signer_kind(key).ok_or_else(|| {
        error(
            ErrorCode::Value,
            "Key must be an RSA, DSA, EC, Ed25519, Ed448 or ML-DSA private key to sign X.509 objects",
        )
    })?;
    let padding = match (&options.rsa_padding, kind) {
        (None, _) => None,
        (Some(_), k) if k != SignerKind::Rsa => {
            return Err(error(
                ErrorCode::Value,
                "Padding is only supported for RSA keys",
            ));
        }
        (Some(RsaPaddingModel::Pkcs1v15 {}), _) => Some(RsaPadding::Pkcs1v15),
        (
            Some(RsaPaddingModel::Pss {
                mgf_hash,
                salt_length,
            }),
            _,
        ) => {
            let hash = options.hash.as_deref().unwrap_or("sha256");
            let hash_len = digest_size(hash).ok_or_else(|| {
                error(
                    ErrorCode::UnsupportedAlgorithm,
                    format!("the hash algorithm {hash} is not supported for RSASSA-PSS"),
                )
            })?;
            let salt = match *salt_length {
                // PSS.MAX_LENGTH: the largest salt the modulus leaves room for.
                -1 => (key.bits() as i64 + 6) / 8 - hash_len as i64 - 2,
                // PSS.DIGEST_LENGTH.
                -2 => hash_len as i64,
                n => n,
            };
            let salt_length = u32::try_from(salt).map_err(|_| {
                error(
                    ErrorCode::Value,
                    "PSS salt length must be a non-negative byte count that fits the key",
                )
            })?;
            Some(RsaPadding::Pss {
                mgf_hash: mgf_hash.clone(),
                salt_length,
            })
        }
    };
    let algorithm = signature_algorithm_der(kind, options.hash.as_deref(), padding.as_ref())
        .map_err(super::codec_error)?;
    Ok(SignPlan {
        algorithm,
        hash: options.hash.clone(),
        padding,
        deterministic: options.ecdsa_deterministic && kind == SignerKind::Ec,
    })
}

fn setup_rsa<T>(ctx: &mut PkeyCtxRef<T>, padding: &RsaPadding) -> napi::Result<()> {
    match padding {
        RsaPadding::Pkcs1v15 => ctx
            .set_rsa_padding(Padding::PKCS1)
            .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_padding", &e)),
        RsaPadding::Pss {
            mgf_hash,
            salt_length,
        } => {
            ctx.set_rsa_padding(Padding::PKCS1_PSS)
                .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_padding", &e))?;
            let salt = i32::try_from(*salt_length)
                .map_err(|_| error(ErrorCode::Value, "PSS salt length is too large"))?;
            ctx.set_rsa_pss_saltlen(RsaPssSaltlen::custom(salt))
                .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_pss_saltlen", &e))?;
            ctx.set_rsa_mgf1_md(digest(mgf_hash)?)
                .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_mgf1_md", &e))
        }
    }
}

/// Signs `tbs` as the plan says.
pub fn sign(key: &PKeyRef<Private>, plan: &SignPlan, tbs: &[u8]) -> napi::Result<Vec<u8>> {
    let md = plan.hash.as_deref().map(digest).transpose()?;
    let mut ctx = MdCtx::new().map_err(|e| openssl_error("EVP_MD_CTX_new", &e))?;
    // A hash the key type refuses (DSA with a hash OpenSSL will not pair with it) fails here;
    // the error stack names algorithms only, but PyCA answers with a ValueError.
    let pctx = ctx.digest_sign_init(md, key).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        error(
            ErrorCode::Value,
            "the key cannot sign with this hash algorithm and padding",
        )
    })?;
    if let Some(padding) = &plan.padding {
        setup_rsa(pctx, padding)?;
    }
    if plan.deterministic {
        // RFC 6979: the nonce comes from HMAC over the key and the message hash.
        pctx.set_nonce_type(NonceType::DETERMINISTIC_K)
            .map_err(|e| openssl_error("setting the nonce type", &e))?;
    }
    let mut signature = Vec::new();
    ctx.digest_sign_to_vec(tbs, &mut signature).map_err(|e| {
        if plan.padding.is_some() {
            // The one signing failure callers cause: a modulus with no room for the digest
            // (and, for PSS, the salt).
            let _ = openssl::error::ErrorStack::get();
            error(
                ErrorCode::Value,
                "the RSA key is too small for this hash algorithm and padding",
            )
        } else {
            openssl_error("EVP_DigestSign", &e)
        }
    })?;
    Ok(signature)
}

/// Why a signature could not be checked or did not verify.
pub enum VerifyError {
    /// The algorithm is unknown (PyCA's UnsupportedAlgorithm).
    Unsupported,
    /// The key's type does not match the algorithm.
    KeyMismatch,
    /// It just does not verify.
    Invalid,
}

/// Checks `signature` over `tbs` with `key` under the parsed algorithm.
pub fn verify<T: HasPublic>(
    key: &PKeyRef<T>,
    algorithm: &SignatureAlgorithmModel,
    tbs: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    let kind = signer_kind_of(algorithm).ok_or(VerifyError::Unsupported)?;
    if signer_kind(key) != Some(kind) {
        return Err(VerifyError::KeyMismatch);
    }
    let md = match &algorithm.hash {
        Some(name) => Some(message_digest(name).map_err(|_| VerifyError::Unsupported)?),
        None => None,
    };
    let result = (|| -> Result<bool, ()> {
        let mut ctx = MdCtx::new().map_err(|_| ())?;
        let pctx = ctx.digest_verify_init(md, key).map_err(|_| ())?;
        match &algorithm.parameters {
            Some(SignatureParametersModel::Pkcs1v15 {}) => {
                setup_rsa(pctx, &RsaPadding::Pkcs1v15).map_err(|_| ())?
            }
            Some(SignatureParametersModel::Pss {
                mgf_hash,
                salt_length,
                ..
            }) => setup_rsa(
                pctx,
                &RsaPadding::Pss {
                    mgf_hash: mgf_hash.clone(),
                    salt_length: *salt_length,
                },
            )
            .map_err(|_| ())?,
            _ => {}
        }
        ctx.digest_verify(tbs, signature).map_err(|_| ())
    })();
    // A malformed signature leaves errors queued; they only mean "invalid".
    let _ = openssl::error::ErrorStack::get();
    match result {
        Ok(true) => Ok(()),
        _ => Err(VerifyError::Invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hazmat_x509::algorithm::parse_signature_algorithm;
    use openssl::ec::{EcGroup, EcKey};
    use openssl::nid::Nid;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;

    fn options(hash: Option<&str>, rsa_padding: Option<RsaPaddingModel>) -> SignOptionsModel {
        SignOptionsModel {
            hash: hash.map(str::to_string),
            rsa_padding,
            ecdsa_deterministic: false,
        }
    }

    fn rsa_key() -> PKey<Private> {
        PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap()
    }

    fn ec_key() -> PKey<Private> {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
        PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap()
    }

    /// Signs `data` by the plan and checks the result through the parsed algorithm model.
    fn round_trip(key: &PKey<Private>, options: &SignOptionsModel) -> SignatureAlgorithmModel {
        let plan = plan(key, options).unwrap();
        let algorithm = parse_signature_algorithm(&plan.algorithm).unwrap();
        let signature = sign(key, &plan, b"to be signed").unwrap();
        assert!(verify(key, &algorithm, b"to be signed", &signature).is_ok());
        assert!(matches!(
            verify(key, &algorithm, b"to be signed!", &signature),
            Err(VerifyError::Invalid)
        ));
        algorithm
    }

    #[test]
    fn pss_salt_sentinels_resolve_against_the_key_and_hash() {
        let key = rsa_key();
        let pss = |salt| RsaPaddingModel::Pss {
            mgf_hash: "sha256".into(),
            salt_length: salt,
        };
        // MAX_LENGTH: 256-byte modulus, 32-byte digest → 256 - 32 - 2.
        let params = |salt| round_trip(&key, &options(Some("sha256"), Some(pss(salt)))).parameters;
        let salt_of = |p: Option<SignatureParametersModel>| match p {
            Some(SignatureParametersModel::Pss { salt_length, .. }) => salt_length,
            other => panic!("{other:?}"),
        };
        assert_eq!(salt_of(params(-1)), 222);
        assert_eq!(salt_of(params(-2)), 32);
        assert_eq!(salt_of(params(5)), 5);
        assert!(plan(&key, &options(Some("sha256"), Some(pss(-3)))).is_err());
        // A salt the modulus has no room for is refused when signing, as a ValueError.
        let too_big = plan(&key, &options(Some("sha512"), Some(pss(250)))).unwrap();
        let err = sign(&key, &too_big, b"x").unwrap_err();
        assert!(
            err.reason.starts_with("[ERR_HAZMAT_VALUE]"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn every_key_type_signs_and_verifies() {
        round_trip(&rsa_key(), &options(Some("sha384"), None));
        round_trip(
            &rsa_key(),
            &options(Some("sha3-256"), Some(RsaPaddingModel::Pkcs1v15 {})),
        );
        round_trip(&ec_key(), &options(Some("sha256"), None));
        let dsa = PKey::from_dsa(openssl::dsa::Dsa::generate(2048).unwrap()).unwrap();
        round_trip(&dsa, &options(Some("sha256"), None));
        round_trip(&PKey::generate_ed25519().unwrap(), &options(None, None));
        round_trip(&PKey::generate_ed448().unwrap(), &options(None, None));
        for kind in ["ML-DSA-44", "ML-DSA-65", "ML-DSA-87"] {
            let key = crate::pqc::generate(kind).unwrap();
            assert_eq!(round_trip(&key, &options(None, None)).hash, None, "{kind}");
        }
    }

    #[test]
    fn deterministic_ecdsa_repeats_and_random_does_not() {
        let key = ec_key();
        let mut opts = options(Some("sha256"), None);
        let sig = |opts: &SignOptionsModel| sign(&key, &plan(&key, opts).unwrap(), b"m").unwrap();
        assert_ne!(sig(&opts), sig(&opts));
        opts.ecdsa_deterministic = true;
        assert_eq!(sig(&opts), sig(&opts));
    }

    #[test]
    fn wrong_keys_and_options_are_refused() {
        let ec = ec_key();
        let rsa = rsa_key();
        let padded = options(Some("sha256"), Some(RsaPaddingModel::Pkcs1v15 {}));
        assert!(plan(&ec, &padded).is_err());
        assert!(plan(&ec, &options(None, None)).is_err());
        let ed = PKey::generate_ed25519().unwrap();
        assert!(plan(&ed, &options(Some("sha256"), None)).is_err());
        let x25519 = PKey::generate_x25519().unwrap();
        assert!(plan(&x25519, &options(None, None)).is_err());
        // An EC signature checked with an RSA key: a key mismatch, not "invalid".
        let p = plan(&ec, &options(Some("sha256"), None)).unwrap();
        let algorithm = parse_signature_algorithm(&p.algorithm).unwrap();
        let signature = sign(&ec, &p, b"m").unwrap();
        assert!(matches!(
            verify(&rsa, &algorithm, b"m", &signature),
            Err(VerifyError::KeyMismatch)
        ));
        let unknown = SignatureAlgorithmModel {
            oid: "1.2.3".into(),
            known: false,
            hash: None,
            parameters: None,
            problem: None,
        };
        assert!(matches!(
            verify(&ec, &unknown, b"m", &signature),
            Err(VerifyError::Unsupported)
        ));
    }
}
