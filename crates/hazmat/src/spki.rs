//! SubjectPublicKeyInfo DER without OpenSSL's encoder framework.
//!
//! `i2d_PUBKEY` in OpenSSL 3 builds an OSSL_ENCODER context, which scans every provider's
//! encoders and costs hundreds of microseconds per call; it dominated certificate and CSR
//! signing and `publicBytes(..., SubjectPublicKeyInfo)`. For the common key types the
//! structure is small and fixed, so we read the key's public parts through the provider
//! parameter API and encode the SPKI with the `der`/`spki` crates. Every other key type (and
//! any surprise on the fast path) goes through `public_key_to_der`, so the output is always
//! what OpenSSL would write; the tests below check the two agree byte for byte.

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, UintRef};
use der::{Encode, Sequence};
use openssl::error::ErrorStack;
use openssl::pkey::{HasPublic, Id, PKeyRef};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
// RFC 8410.
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

/// namedCurve OIDs of the curves we encode directly, by OpenSSL group name. A table (rather
/// than OBJ_* look-ups) keeps the fast path free of OpenSSL's object database locks; other
/// named curves fall back.
const CURVES: &[(&str, ObjectIdentifier)] = &[
    (
        "prime192v1",
        ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.1"),
    ),
    ("secp224r1", ObjectIdentifier::new_unwrap("1.3.132.0.33")),
    (
        "prime256v1",
        ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
    ),
    ("secp384r1", ObjectIdentifier::new_unwrap("1.3.132.0.34")),
    ("secp521r1", ObjectIdentifier::new_unwrap("1.3.132.0.35")),
    ("secp256k1", ObjectIdentifier::new_unwrap("1.3.132.0.10")),
    (
        "brainpoolP256r1",
        ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.7"),
    ),
    (
        "brainpoolP384r1",
        ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.11"),
    ),
    (
        "brainpoolP512r1",
        ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.13"),
    ),
];

/// PKCS #1 RSAPublicKey, the contents of an RSA key's subjectPublicKey.
#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
}

/// The key's SubjectPublicKeyInfo DER, identical to `public_key_to_der` (i2d_PUBKEY).
pub fn spki_der<T: HasPublic>(pkey: &PKeyRef<T>) -> Result<Vec<u8>, ErrorStack> {
    match fast_spki_der(pkey) {
        Some(der) => Ok(der),
        None => pkey.public_key_to_der(),
    }
}

/// The directly encoded SPKI, or `None` when the key is not one we encode ourselves.
fn fast_spki_der<T: HasPublic>(pkey: &PKeyRef<T>) -> Option<Vec<u8>> {
    match pkey.id() {
        Id::EC => ec_spki(pkey),
        Id::RSA => rsa_spki(pkey),
        Id::ED25519 => raw_spki(pkey, ED25519),
        Id::ED448 => raw_spki(pkey, ED448),
        Id::X25519 => raw_spki(pkey, X25519),
        Id::X448 => raw_spki(pkey, X448),
        _ => None,
    }
}

fn encode(oid: ObjectIdentifier, parameters: Option<AnyRef<'_>>, key: &[u8]) -> Option<Vec<u8>> {
    SubjectPublicKeyInfoRef {
        algorithm: AlgorithmIdentifierRef { oid, parameters },
        subject_public_key: BitStringRef::from_bytes(key).ok()?,
    }
    .to_der()
    .ok()
}

fn raw_spki<T: HasPublic>(pkey: &PKeyRef<T>, oid: ObjectIdentifier) -> Option<Vec<u8>> {
    let raw = pkey.raw_public_key().ok()?;
    encode(oid, None, &raw)
}

fn ec_spki<T: HasPublic>(pkey: &PKeyRef<T>) -> Option<Vec<u8>> {
    // Only provider keys answer these queries; legacy keys (made through EC_KEY) do not, and
    // for them `i2d_PUBKEY` takes the old ASN.1 method, which does not use the encoder
    // framework and so is already cheap: they fall back.
    //
    // A group loaded from explicit parameters may still be recognised as a named curve (and
    // report its name) while the encoder writes the explicit parameters: only keys whose
    // encoding is "named_curve" are ours.
    if openssl_ext::pkey::utf8_param(pkey, c"encoding")? != "named_curve" {
        return None;
    }
    let curve = curve_oid(&openssl_ext::pkey::utf8_param(pkey, c"group")?)?;
    // "encoded-pub-key" is always the uncompressed point (0x04 || X || Y), while the encoder
    // writes the key's own point format (a key read from a compressed point keeps that form).
    let point = openssl_ext::pkey::octet_param(pkey, c"encoded-pub-key")?;
    let (&tag, xy) = point.split_first()?;
    if tag != 0x04 || xy.is_empty() || xy.len() % 2 != 0 {
        return None;
    }
    let (x, y) = xy.split_at(xy.len() / 2);
    // X9.62: the compressed and hybrid forms carry the parity of Y in the tag's low bit.
    let y_odd = y.last()? & 1;
    let point = match openssl_ext::pkey::utf8_param(pkey, c"point-format")?.as_str() {
        "uncompressed" => point,
        "compressed" => [&[0x02 | y_odd][..], x].concat(),
        "hybrid" => [&[0x06 | y_odd][..], x, y].concat(),
        _ => return None,
    };
    encode(EC_PUBLIC_KEY, Some(AnyRef::from(&curve)), &point)
}

fn curve_oid(name: &str) -> Option<ObjectIdentifier> {
    CURVES.iter().find(|(n, _)| *n == name).map(|(_, oid)| *oid)
}

fn rsa_spki<T: HasPublic>(pkey: &PKeyRef<T>) -> Option<Vec<u8>> {
    // For a provider key this exports to a legacy RSA once and OpenSSL caches it (tens of
    // nanoseconds afterwards), far cheaper than two EVP_PKEY_get_bn_param calls (~30 µs).
    let rsa = pkey.rsa().ok()?;
    let n = rsa.n().to_vec();
    let e = rsa.e().to_vec();
    let key = RsaPublicKey {
        modulus: UintRef::new(&n).ok()?,
        public_exponent: UintRef::new(&e).ok()?,
    }
    .to_der()
    .ok()?;
    encode(RSA_ENCRYPTION, Some(AnyRef::NULL), &key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::bn::{BigNum, BigNumContext};
    use openssl::ec::{EcGroup, EcKey, PointConversionForm};
    use openssl::nid::Nid;
    use openssl::pkey::{PKey, Public};
    use openssl::rsa::Rsa;

    fn check<T: HasPublic>(pkey: &PKeyRef<T>, expect_fast: bool) {
        let reference = pkey.public_key_to_der().expect("i2d_PUBKEY");
        let fast = fast_spki_der(pkey);
        assert_eq!(
            fast.is_some(),
            expect_fast,
            "fast path taken for {:?}",
            pkey.id()
        );
        assert_eq!(spki_der(pkey).expect("spki"), reference);
        if let Some(fast) = fast {
            assert_eq!(fast, reference);
        }
        // The façade's DER and PEM outputs (serialization.rs) against OpenSSL's.
        let bytes = |encoding| {
            crate::serialization::public_bytes(pkey, encoding, "SubjectPublicKeyInfo")
                .map_err(|e| e.reason.clone())
                .unwrap()
        };
        assert_eq!(bytes("DER"), reference);
        assert_eq!(bytes("PEM"), pkey.public_key_to_pem().unwrap());
    }

    const CURVE_NIDS: &[Nid] = &[
        Nid::X9_62_PRIME192V1,
        Nid::SECP224R1,
        Nid::X9_62_PRIME256V1,
        Nid::SECP384R1,
        Nid::SECP521R1,
        Nid::SECP256K1,
        Nid::BRAINPOOL_P256R1,
        Nid::BRAINPOOL_P384R1,
        Nid::BRAINPOOL_P512R1,
    ];

    #[test]
    fn ec_named_curves_match_openssl() {
        let mut ctx = BigNumContext::new().unwrap();
        // CURVE_NIDS is in the order of CURVES.
        for (&nid, (_, curve)) in CURVE_NIDS.iter().zip(CURVES) {
            let group = EcGroup::from_curve_name(nid).unwrap();
            for _ in 0..4 {
                let ec = EcKey::generate(&group).unwrap();
                // A legacy EC_KEY-backed key: i2d_PUBKEY is cheap for it and we defer to it.
                let legacy = PKey::from_ec_key(ec.clone()).unwrap();
                check(&legacy, false);
                // Provider keys, as decoding produces them (private and public).
                let private =
                    PKey::private_key_from_der(&legacy.private_key_to_der().unwrap()).unwrap();
                check(&private, true);
                let public: PKey<Public> =
                    PKey::public_key_from_der(&legacy.public_key_to_der().unwrap()).unwrap();
                check(&public, true);
                // The same point imported from a compressed (or hybrid) SPKI keeps that form,
                // which OpenSSL then writes back (and so must we).
                for form in [PointConversionForm::COMPRESSED, PointConversionForm::HYBRID] {
                    let point = ec.public_key().to_bytes(&group, form, &mut ctx).unwrap();
                    let spki = encode(EC_PUBLIC_KEY, Some(AnyRef::from(curve)), &point).unwrap();
                    let public: PKey<Public> = PKey::public_key_from_der(&spki).unwrap();
                    check(&public, true);
                    assert_eq!(public.public_key_to_der().unwrap(), spki);
                }
            }
        }
    }

    #[test]
    fn rsa_matches_openssl() {
        for bits in [1024, 2048, 3072] {
            for e in [3u32, 65537] {
                for _ in 0..2 {
                    let exponent = BigNum::from_u32(e).unwrap();
                    let rsa = Rsa::generate_with_e(bits, &exponent).unwrap();
                    let legacy = PKey::from_rsa(rsa).unwrap();
                    check(&legacy, true);
                    let private =
                        PKey::private_key_from_der(&legacy.private_key_to_der().unwrap()).unwrap();
                    check(&private, true);
                    let der = private.public_key_to_der().unwrap();
                    let public: PKey<Public> = PKey::public_key_from_der(&der).unwrap();
                    check(&public, true);
                }
            }
        }
    }

    #[test]
    fn raw_keys_match_openssl() {
        for _ in 0..4 {
            check(&PKey::generate_ed25519().unwrap(), true);
            check(&PKey::generate_ed448().unwrap(), true);
            check(&PKey::generate_x25519().unwrap(), true);
            check(&PKey::generate_x448().unwrap(), true);
        }
    }

    /// Rough timings of the alternatives (run with `--ignored --nocapture`).
    #[test]
    #[ignore]
    fn timings() {
        fn time(label: &str, f: impl Fn()) {
            let start = std::time::Instant::now();
            for _ in 0..200 {
                f();
            }
            eprintln!("{label}: {:?}/op", start.elapsed() / 200);
        }
        let ec =
            EcKey::generate(&EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap()).unwrap();
        let legacy = PKey::from_ec_key(ec).unwrap();
        let der = legacy.public_key_to_der().unwrap();
        let public: PKey<Public> = PKey::public_key_from_der(&der).unwrap();
        time("P-256 legacy i2d_PUBKEY", || {
            drop(legacy.public_key_to_der())
        });
        time("P-256 provider i2d_PUBKEY", || {
            drop(public.public_key_to_der())
        });
        time("P-256 provider fast", || drop(spki_der(&public)));
        time("P-256 d2i_PUBKEY", || drop(PKey::public_key_from_der(&der)));
        let rsa = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
        let der = rsa.public_key_to_der().unwrap();
        let public: PKey<Public> = PKey::public_key_from_der(&der).unwrap();
        time("RSA legacy i2d_PUBKEY", || drop(rsa.public_key_to_der()));
        time("RSA provider i2d_PUBKEY", || {
            drop(public.public_key_to_der())
        });
        time("RSA provider fast", || drop(spki_der(&public)));
        time("RSA provider rsa()", || drop(public.rsa()));
        time("RSA provider bn params", || {
            drop(openssl_ext::pkey::bn_param(&public, c"n"));
            drop(openssl_ext::pkey::bn_param(&public, c"e"));
        });
        time("RSA d2i_PUBKEY", || drop(PKey::public_key_from_der(&der)));
        time("RSA legacy from components", || {
            let r = rsa.rsa().unwrap();
            let k =
                Rsa::from_public_components(r.n().to_owned().unwrap(), r.e().to_owned().unwrap())
                    .unwrap();
            drop(PKey::from_rsa(k))
        });
    }

    #[test]
    fn other_keys_fall_back() {
        // An explicit-parameters EC key: OpenSSL recognises P-256 but writes the parameters.
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
        let mut explicit = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).unwrap();
        explicit.set_asn1_flag(openssl::ec::Asn1Flag::EXPLICIT_CURVE);
        let ec = EcKey::generate(&group).unwrap();
        let ec = EcKey::from_public_key(&explicit, ec.public_key()).unwrap();
        let pkey = PKey::from_ec_key(ec).unwrap();
        check(&pkey, false);
        let reloaded: PKey<Public> =
            PKey::public_key_from_der(&pkey.public_key_to_der().unwrap()).unwrap();
        check(&reloaded, false);
        // A named curve outside the table.
        let group = EcGroup::from_curve_name(Nid::SECP192K1).unwrap();
        check(
            &PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap(),
            false,
        );
        // DSA.
        let dsa = openssl::dsa::Dsa::generate(2048).unwrap();
        check(&PKey::from_dsa(dsa).unwrap(), false);
    }
}
