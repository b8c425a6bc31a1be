//! Elliptic curves: the curve table (PyCA's curve names → OpenSSL curves), key generation and
//! derivation, keys from numbers and X9.62 points, ECDSA (random or RFC 6979 deterministic
//! nonces) and ECDH. Free functions over the shared key handles of `keys.rs`; argument rules and
//! PyCA's shapes live in `src/primitives/asymmetric/ec.ts`.

use napi::Env;
use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;
use openssl::bn::{BigNum, BigNumContext, BigNumRef};
use openssl::derive::Deriver;
use openssl::ec::{EcGroup, EcKey, EcPoint, PointConversionForm};
use openssl::nid::Nid;
use openssl::pkey::{HasPublic, PKey, PKeyRef, Private};
use openssl::pkey_ctx::{NonceType, PkeyCtx};

use crate::errors::{ErrorCode, error, openssl_error};
use crate::hashes::{algorithm_by_id, digest_or_prehashed};
use crate::keys::{PrivateKey, PublicKey};

/// One supported curve: PyCA's name and OpenSSL's identifier.
pub struct Curve {
    pub name: &'static str,
    pub nid: Nid,
}

/// Every curve PyCA 50 supports on OpenSSL.
pub const CURVES: [Curve; 9] = [
    Curve {
        name: "secp256r1",
        nid: Nid::X9_62_PRIME256V1,
    },
    Curve {
        name: "secp384r1",
        nid: Nid::SECP384R1,
    },
    Curve {
        name: "secp521r1",
        nid: Nid::SECP521R1,
    },
    Curve {
        name: "secp224r1",
        nid: Nid::SECP224R1,
    },
    Curve {
        name: "secp192r1",
        nid: Nid::X9_62_PRIME192V1,
    },
    Curve {
        name: "secp256k1",
        nid: Nid::SECP256K1,
    },
    Curve {
        name: "brainpoolP256r1",
        nid: Nid::BRAINPOOL_P256R1,
    },
    Curve {
        name: "brainpoolP384r1",
        nid: Nid::BRAINPOOL_P384R1,
    },
    Curve {
        name: "brainpoolP512r1",
        nid: Nid::BRAINPOOL_P512R1,
    },
];

/// `ECDSA` sign/verify flag: `data` is already a digest (PyCA's `Prehashed`).
const PREHASHED: u32 = 1;
/// `ECDSA` sign flag: RFC 6979 deterministic nonce.
const DETERMINISTIC: u32 = 2;

fn value_error(message: &str) -> napi::Error {
    error(ErrorCode::Value, message)
}

fn unsupported_curve(name: &str) -> napi::Error {
    error(
        ErrorCode::UnsupportedAlgorithm,
        format!("Curve {name} is not supported"),
    )
}

/// The table row for PyCA's curve `name`.
pub fn curve_by_name(name: &str) -> napi::Result<&'static Curve> {
    CURVES
        .iter()
        .find(|curve| curve.name == name)
        .ok_or_else(|| unsupported_curve(name))
}

fn group_of(name: &str) -> napi::Result<EcGroup> {
    let curve = curve_by_name(name)?;
    EcGroup::from_curve_name(curve.nid).map_err(|e| openssl_error("EC_GROUP_new_by_curve_name", &e))
}

/// PyCA's name of a key's curve; OpenSSL's name for a curve outside the table, so the façade can
/// say which curve it does not support; `None` for a key without a named curve.
fn curve_name_of<T>(pkey: &PKeyRef<T>) -> Option<String> {
    let openssl_name = openssl_ext::ec::group_name(pkey)?;
    let known = CURVES
        .iter()
        .find(|curve| curve.nid.short_name().ok() == Some(openssl_name.as_str()));
    Some(known.map_or(openssl_name, |curve| curve.name.to_owned()))
}

fn pkey_of_private(ec_key: EcKey<Private>) -> napi::Result<PKey<Private>> {
    PKey::from_ec_key(ec_key).map_err(|e| openssl_error("EVP_PKEY_assign_EC_KEY", &e))
}

fn bignum(bytes: &[u8]) -> napi::Result<BigNum> {
    BigNum::from_slice(bytes).map_err(|e| openssl_error("BN_bin2bn", &e))
}

fn bn_context() -> napi::Result<BigNumContext> {
    BigNumContext::new().map_err(|e| openssl_error("BN_CTX_new", &e))
}

/// Whether hazmat supports PyCA's curve `name`.
#[napi]
pub fn ec_curve_supported(name: String) -> bool {
    curve_by_name(&name).is_ok()
}

/// The curve of an EC private key (see `curve_name_of`).
#[napi]
pub fn ec_private_key_curve(key: &PrivateKey) -> Option<String> {
    curve_name_of(key.pkey())
}

/// The curve of an EC public key (see `curve_name_of`).
#[napi]
pub fn ec_public_key_curve(key: &PublicKey) -> Option<String> {
    curve_name_of(key.pkey())
}

/// A new private key on curve `name`, from OpenSSL's RAND (the OS random engine when active).
#[napi]
pub fn ec_generate_private_key(name: String) -> napi::Result<PrivateKey> {
    let curve = curve_by_name(&name)?;
    let openssl_name = curve
        .nid
        .short_name()
        .map_err(|e| openssl_error("OBJ_nid2sn", &e))?;
    let pkey = PKey::ec_gen(openssl_name).map_err(|e| openssl_error("EVP_PKEY_Q_keygen", &e))?;
    Ok(PrivateKey::from_pkey(pkey))
}

/// The key pair whose private scalar is `value` (big-endian, already checked positive):
/// `ValueError` when it is not below the group order.
#[napi(ts_args_type = "name: string, value: Uint8Array")]
pub fn ec_derive_private_key(name: String, value: BufferSlice) -> napi::Result<PrivateKey> {
    let group = group_of(&name)?;
    let private = bignum(&value)?;
    let key = key_from_scalar(&group, &private)
        .ok_or_else(|| value_error("Invalid EC key (key out of range, infinity, etc.)"))?;
    Ok(PrivateKey::from_pkey(pkey_of_private(key)?))
}

/// The key with scalar `private` and public point `private`·G; `None` unless 0 < private < order.
fn key_from_scalar(group: &EcGroup, private: &BigNumRef) -> Option<EcKey<Private>> {
    let mut ctx = bn_context().ok()?;
    let mut order = BigNum::new().ok()?;
    group.order(&mut order, &mut ctx).ok()?;
    if private.num_bits() == 0 || private.is_negative() || *private >= *order {
        return None;
    }
    let mut point = EcPoint::new(group).ok()?;
    point.mul_generator2(group, private, &mut ctx).ok()?;
    let key = EcKey::from_private_components(group, private, &point).ok()?;
    key.check_key().ok()?;
    Some(key)
}

/// The private key of `EllipticCurvePrivateNumbers`: the scalar must be in range and match the
/// given public point, else `ValueError("Invalid EC key.")`.
#[napi(ts_args_type = "name: string, value: Uint8Array, x: Uint8Array, y: Uint8Array")]
pub fn ec_private_key_from_numbers(
    name: String,
    value: BufferSlice,
    x: BufferSlice,
    y: BufferSlice,
) -> napi::Result<PrivateKey> {
    let group = group_of(&name)?;
    let invalid = || value_error("Invalid EC key.");
    let (value, x, y) = (bignum(&value)?, bignum(&x)?, bignum(&y)?);
    let key = key_from_scalar(&group, &value).ok_or_else(invalid)?;
    let given = point_from_coordinates(&group, &x, &y).ok_or_else(invalid)?;
    let mut ctx = bn_context()?;
    let same = given
        .eq(&group, key.public_key(), &mut ctx)
        .map_err(|e| openssl_error("EC_POINT_cmp", &e))?;
    if !same {
        return Err(invalid());
    }
    Ok(PrivateKey::from_pkey(pkey_of_private(key)?))
}

/// The point (x, y) if it lies on the curve (coordinates below the field prime).
fn point_from_coordinates(group: &EcGroup, x: &BigNumRef, y: &BigNumRef) -> Option<EcPoint> {
    let key = EcKey::from_public_key_affine_coordinates(group, x, y).ok()?;
    key.check_key().ok()?;
    key.public_key().to_owned(group).ok()
}

fn public_key_from_point(group: &EcGroup, point: &EcPoint) -> napi::Result<PublicKey> {
    let ec_key =
        EcKey::from_public_key(group, point).map_err(|e| openssl_error("EC_KEY_new", &e))?;
    let pkey = PKey::from_ec_key(ec_key).map_err(|e| openssl_error("EVP_PKEY_assign", &e))?;
    Ok(PublicKey::from_pkey(pkey))
}

/// The public key of `EllipticCurvePublicNumbers` (big-endian coordinates).
#[napi(ts_args_type = "name: string, x: Uint8Array, y: Uint8Array")]
pub fn ec_public_key_from_numbers(
    name: String,
    x: BufferSlice,
    y: BufferSlice,
) -> napi::Result<PublicKey> {
    let group = group_of(&name)?;
    let (x, y) = (bignum(&x)?, bignum(&y)?);
    let point = point_from_coordinates(&group, &x, &y)
        .ok_or_else(|| value_error("Invalid EC key. Point is not on the curve specified."))?;
    public_key_from_point(&group, &point)
}

/// The public key of an X9.62 encoded point (compressed, uncompressed or hybrid).
#[napi(ts_args_type = "name: string, data: Uint8Array")]
pub fn ec_public_key_from_encoded_point(
    name: String,
    data: BufferSlice,
) -> napi::Result<PublicKey> {
    let group = group_of(&name)?;
    let mut ctx = bn_context()?;
    let point =
        EcPoint::from_bytes(&group, &data, &mut ctx).map_err(|_| value_error("Invalid EC key."))?;
    let key = public_key_from_point(&group, &point)?;
    let ec_key = key
        .pkey()
        .ec_key()
        .map_err(|e| openssl_error("EVP_PKEY_get1_EC_KEY", &e))?;
    ec_key
        .check_key()
        .map_err(|_| value_error("Invalid EC key."))?;
    Ok(key)
}

/// The private scalar, big-endian, as long as the group order (PyCA's `private_value`).
#[napi]
pub fn ec_private_value<'env>(env: &'env Env, key: &PrivateKey) -> napi::Result<BufferSlice<'env>> {
    let ec_key = key
        .pkey()
        .ec_key()
        .map_err(|e| openssl_error("EVP_PKEY_get1_EC_KEY", &e))?;
    let bytes = ec_key.private_key().to_vec();
    let result = BufferSlice::copy_from(env, &bytes);
    drop(zeroize_vec(bytes));
    result
}

fn zeroize_vec(mut bytes: Vec<u8>) -> Vec<u8> {
    use zeroize::Zeroize;
    bytes.zeroize();
    bytes
}

/// The public point in X9.62 form: `04 ‖ x ‖ y` or, compressed, `02/03 ‖ x`.
#[napi]
pub fn ec_public_point<'env>(
    env: &'env Env,
    key: &PublicKey,
    compressed: bool,
) -> napi::Result<BufferSlice<'env>> {
    let bytes = encoded_point(key.pkey(), compressed)?;
    BufferSlice::from_data(env, bytes)
}

fn encoded_point<T: HasPublic>(pkey: &PKeyRef<T>, compressed: bool) -> napi::Result<Vec<u8>> {
    let ec_key = pkey
        .ec_key()
        .map_err(|e| openssl_error("EVP_PKEY_get1_EC_KEY", &e))?;
    let form = if compressed {
        PointConversionForm::COMPRESSED
    } else {
        PointConversionForm::UNCOMPRESSED
    };
    let mut ctx = bn_context()?;
    ec_key
        .public_key()
        .to_bytes(ec_key.group(), form, &mut ctx)
        .map_err(|e| openssl_error("EC_POINT_point2oct", &e))
}

/// Signs `data` (or its digest, see `flags`) with ECDSA into `out`, DER-encoded; returns the
/// signature's length. `out` must hold the key's maximum signature size.
#[napi(
    ts_args_type = "key: PrivateKey, hashId: number, digestSize: number, flags: number, data: Uint8Array, out: Uint8Array"
)]
pub fn ec_sign(
    key: &PrivateKey,
    hash_id: u32,
    digest_size: i64,
    flags: u32,
    data: BufferSlice,
    mut out: BufferSlice,
) -> napi::Result<u32> {
    let digest = digest_or_prehashed(hash_id, digest_size, flags & PREHASHED != 0, &data)?;
    let mut ctx = PkeyCtx::new(key.pkey()).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.sign_init()
        .map_err(|e| openssl_error("EVP_PKEY_sign_init", &e))?;
    if flags & DETERMINISTIC != 0 {
        // RFC 6979 derives the nonce with HMAC over the message's hash function.
        let (_, md) = algorithm_by_id(hash_id)?;
        ctx.set_signature_md(md)
            .map_err(|e| openssl_error("EVP_PKEY_CTX_set_signature_md", &e))?;
        ctx.set_nonce_type(NonceType::DETERMINISTIC_K)
            .map_err(|e| openssl_error("setting the nonce type", &e))?;
    }
    let written = ctx
        .sign(&digest, Some(&mut out))
        .map_err(|e| openssl_error("EVP_PKEY_sign", &e))?;
    Ok(written as u32)
}

/// Whether `signature` is a valid ECDSA signature of `data` (or its digest, see `flags`).
/// Malformed signatures are `false`, like wrong ones.
#[napi(
    ts_args_type = "key: PublicKey, hashId: number, digestSize: number, flags: number, signature: Uint8Array, data: Uint8Array"
)]
pub fn ec_verify(
    key: &PublicKey,
    hash_id: u32,
    digest_size: i64,
    flags: u32,
    signature: BufferSlice,
    data: BufferSlice,
) -> napi::Result<bool> {
    let digest = digest_or_prehashed(hash_id, digest_size, flags & PREHASHED != 0, &data)?;
    let mut ctx = PkeyCtx::new(key.pkey()).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.verify_init()
        .map_err(|e| openssl_error("EVP_PKEY_verify_init", &e))?;
    let valid = ctx.verify(&digest, &signature).unwrap_or(false);
    // A malformed signature leaves errors queued; they answer "invalid", nothing more.
    let _ = openssl::error::ErrorStack::get();
    Ok(valid)
}

/// The ECDH shared secret of `key` and `peer` (the x coordinate, as long as the field).
/// Keys on different curves or any other failure: PyCA's one `ValueError`.
#[napi]
pub fn ec_exchange<'env>(
    env: &'env Env,
    key: &PrivateKey,
    peer: &PublicKey,
) -> napi::Result<BufferSlice<'env>> {
    let failed = || value_error("Error computing shared key.");
    if openssl_ext::ec::group_name(key.pkey()) != openssl_ext::ec::group_name(peer.pkey()) {
        return Err(failed());
    }
    let secret = (|| {
        let mut deriver = Deriver::new(key.pkey())?;
        deriver.set_peer(peer.pkey())?;
        deriver.derive_to_vec()
    })()
    .map_err(|_| failed())?;
    let result = BufferSlice::copy_from(env, &secret);
    drop(zeroize_vec(secret));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p256_key(scalar: u8) -> EcKey<Private> {
        let group = group_of("secp256r1").unwrap();
        key_from_scalar(&group, &BigNum::from_u32(scalar.into()).unwrap()).unwrap()
    }

    #[test]
    fn every_curve_of_the_table_exists_in_openssl() {
        for curve in &CURVES {
            let pkey = PKey::ec_gen(curve.nid.short_name().unwrap()).unwrap();
            assert_eq!(curve_name_of(&pkey).as_deref(), Some(curve.name));
        }
        assert!(curve_by_name("sect163k1").is_err());
    }

    #[test]
    fn scalars_outside_one_to_order_are_refused() {
        let group = group_of("secp256r1").unwrap();
        let mut order = BigNum::new().unwrap();
        group
            .order(&mut order, &mut BigNumContext::new().unwrap())
            .unwrap();
        assert!(key_from_scalar(&group, &BigNum::new().unwrap()).is_none());
        assert!(key_from_scalar(&group, &order).is_none());
        let mut below = order.to_owned().unwrap();
        below.sub_word(1).unwrap();
        assert!(key_from_scalar(&group, &below).is_some());
    }

    #[test]
    fn scalar_one_gives_the_generator() {
        let key = p256_key(1);
        let group = group_of("secp256r1").unwrap();
        let mut ctx = BigNumContext::new().unwrap();
        assert!(
            key.public_key()
                .eq(&group, group.generator_opt().unwrap(), &mut ctx)
                .unwrap()
        );
    }

    #[test]
    fn points_off_the_curve_are_refused() {
        let group = group_of("secp256r1").unwrap();
        let one = BigNum::from_u32(1).unwrap();
        assert!(point_from_coordinates(&group, &one, &one).is_none());
    }
}
