//! PKCS#12 pieces the `openssl` crate does not expose safely: creating a bundle whose CA
//! certificates carry their own friendly names (`X509_alias_set1`, missing from openssl-sys),
//! with the MAC digest and the "no encryption" choices PyCA offers, and parsing with a password
//! that is raw bytes (the crate's `build2`/`parse2` panic on a NUL byte in a password or name).

use std::ffi::{CStr, c_char, c_int, c_uchar, c_void};
use std::ptr;

use foreign_types::{ForeignType, ForeignTypeRef};
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::pkcs12::Pkcs12;
use openssl::pkey::{PKey, PKeyRef, Private};
use openssl::stack::{Stack, StackRef};
use openssl::x509::{X509, X509Ref};

/// `PKCS12_create_cb`: called for every bag `PKCS12_create_ex2` makes; 1 keeps the bag.
type CreateCallback = unsafe extern "C" fn(bag: *mut PKCS12_SAFEBAG, arg: *mut c_void) -> c_int;

#[allow(non_camel_case_types)]
enum PKCS12_SAFEBAG {}

unsafe extern "C" {
    // Declared in <openssl/x509.h> and <openssl/pkcs12.h>, missing from openssl-sys.
    fn X509_alias_set1(x: *mut openssl_sys::X509, name: *const c_uchar, len: c_int) -> c_int;
    fn PKCS12_create_ex2(
        pass: *const c_char,
        name: *const c_char,
        pkey: *mut openssl_sys::EVP_PKEY,
        cert: *mut openssl_sys::X509,
        ca: *mut openssl_sys::stack_st_X509,
        nid_key: c_int,
        nid_cert: c_int,
        iter: c_int,
        mac_iter: c_int,
        keytype: c_int,
        ctx: *mut openssl_sys::OSSL_LIB_CTX,
        propq: *const c_char,
        cb: Option<CreateCallback>,
        cbarg: *mut c_void,
    ) -> *mut openssl_sys::PKCS12;
    fn PKCS12_SAFEBAG_get0_attrs(bag: *const PKCS12_SAFEBAG) -> *const c_void;
    fn PKCS12_SAFEBAG_set0_attrs(bag: *mut PKCS12_SAFEBAG, attrs: *mut c_void);
    fn X509at_add1_attr(
        attrs: *mut *mut c_void,
        attr: *mut openssl_sys::X509_ATTRIBUTE,
    ) -> *mut c_void;
}

/// `NID_oracle_jdk_trustedkeyusage` (<openssl/obj_mac.h>): the attribute that makes Java's
/// keystore treat a certificate bag as a trusted certificate entry.
const NID_ORACLE_JDK_TRUSTED_KEY_USAGE: c_int = 1283;

/// Marks a bag as trusted by Java for any purpose (`anyExtendedKeyUsage`), as `openssl pkcs12
/// -jdktrust anyExtendedKeyUsage` and PyCA's `serialize_java_truststore` do.
unsafe extern "C" fn jdk_trust(bag: *mut PKCS12_SAFEBAG, _arg: *mut c_void) -> c_int {
    // SAFETY: OpenSSL calls this with a live bag it owns. OBJ_nid2obj returns a static object
    // that freeing the attribute leaves alone; X509at_add1_attr stores a copy of `attr`, and
    // set0 gives the (possibly new) stack to the bag, as OpenSSL's own `jdk_trust` does.
    unsafe {
        let usage = openssl_sys::OBJ_nid2obj(openssl_sys::NID_anyExtendedKeyUsage);
        let attr = openssl_sys::X509_ATTRIBUTE_create(
            NID_ORACLE_JDK_TRUSTED_KEY_USAGE,
            openssl_sys::V_ASN1_OBJECT,
            usage.cast(),
        );
        if usage.is_null() || attr.is_null() {
            return -1;
        }
        let mut attrs = PKCS12_SAFEBAG_get0_attrs(bag).cast_mut();
        let added = X509at_add1_attr(&mut attrs, attr);
        openssl_sys::X509_ATTRIBUTE_free(attr);
        if added.is_null() {
            return -1;
        }
        PKCS12_SAFEBAG_set0_attrs(bag, attrs);
    }
    1
}

/// OpenSSL's marker for "leave this part unencrypted" (`nid_key`/`nid_cert` of PKCS12_create)
/// and for "no MAC" (`mac_iter`).
pub const UNENCRYPTED: c_int = -1;

fn check(status: c_int) -> Result<(), ErrorStack> {
    if status > 0 {
        Ok(())
    } else {
        Err(ErrorStack::get())
    }
}

/// Sets (or with `None` clears) the friendly name OpenSSL writes into the certificate's bag.
/// It lives in the certificate's auxiliary data, so it changes the object, not its DER.
pub fn set_alias(cert: &X509Ref, alias: Option<&[u8]>) -> Result<(), ErrorStack> {
    let (name, len) = match alias {
        Some(a) => (
            a.as_ptr(),
            c_int::try_from(a.len()).map_err(|_| ErrorStack::get())?,
        ),
        None => (ptr::null(), -1),
    };
    // SAFETY: `cert` is a live X509; OpenSSL copies `len` bytes from `name` (or frees the alias
    // when `name` is null) into the certificate's own aux structure.
    check(unsafe { X509_alias_set1(cert.as_ptr(), name, len) })
}

/// How a bundle is protected.
pub struct Pkcs12Protection<'a> {
    /// UTF-8 password, NUL-terminated; empty for an unencrypted bundle (the MAC still uses it).
    pub password: &'a CStr,
    /// `UNENCRYPTED`, a PBES1 NID (`pbeWithSHA1And3-KeyTripleDES-CBC`) or a cipher NID (PBES2).
    pub key_nid: c_int,
    pub cert_nid: c_int,
    pub kdf_iterations: c_int,
    pub mac_iterations: c_int,
    pub mac_digest: MessageDigest,
    /// Mark every certificate bag as a Java trusted certificate (a truststore).
    pub java_trusted: bool,
}

/// `PKCS12_create` followed by `PKCS12_set_mac` with the chosen digest. `name` is the friendly
/// name of the key and of `cert`; the CA certificates carry theirs as aliases (`set_alias`).
pub fn pkcs12_create(
    protection: &Pkcs12Protection<'_>,
    name: Option<&CStr>,
    pkey: Option<&PKeyRef<Private>>,
    cert: Option<&X509Ref>,
    cas: Option<&StackRef<X509>>,
) -> Result<Pkcs12, ErrorStack> {
    let pass = protection.password.as_ptr();
    let pass_len =
        c_int::try_from(protection.password.to_bytes().len()).map_err(|_| ErrorStack::get())?;
    // SAFETY: every pointer is null or borrowed from a live object for the whole call; OpenSSL
    // only reads them (it takes its own references to what it keeps). The MAC is added in a
    // second step (mac_iter -1 here) because PKCS12_create always uses the default digest.
    let p12 = unsafe {
        PKCS12_create_ex2(
            pass,
            name.map_or(ptr::null(), CStr::as_ptr),
            pkey.map_or(ptr::null_mut(), |k| k.as_ptr()),
            cert.map_or(ptr::null_mut(), |c| c.as_ptr()),
            cas.map_or(ptr::null_mut(), |s| s.as_ptr()),
            protection.key_nid,
            protection.cert_nid,
            protection.kdf_iterations,
            UNENCRYPTED,
            0,
            ptr::null_mut(),
            ptr::null(),
            protection
                .java_trusted
                .then_some(jdk_trust as CreateCallback),
            ptr::null_mut(),
        )
    };
    if p12.is_null() {
        return Err(ErrorStack::get());
    }
    // SAFETY: `p12` is a fresh, owned PKCS12 that `Pkcs12` now frees.
    let p12 = unsafe { Pkcs12::from_ptr(p12) };
    // SAFETY: `p12` is live and owned; salt null lets OpenSSL draw a random salt of its default
    // length; the digest is a live EVP_MD.
    check(unsafe {
        openssl_sys::PKCS12_set_mac(
            p12.as_ptr(),
            pass,
            pass_len,
            ptr::null_mut(),
            0,
            protection.mac_iterations,
            protection.mac_digest.as_ptr(),
        )
    })?;
    Ok(p12)
}

/// What a bundle holds: the key, the certificate that matches it, and the others in order.
pub struct Pkcs12Parsed {
    pub pkey: Option<PKey<Private>>,
    pub cert: Option<X509>,
    pub cas: Vec<X509>,
}

/// `PKCS12_parse` with a NUL-terminated password (empty tries both the empty and the absent
/// password, as OpenSSL does).
pub fn pkcs12_parse(p12: &Pkcs12, password: &CStr) -> Result<Pkcs12Parsed, ErrorStack> {
    let mut pkey = ptr::null_mut();
    let mut cert = ptr::null_mut();
    let mut ca = ptr::null_mut();
    // SAFETY: `p12` is live; OpenSSL stores owned objects (or null) in the three out-pointers,
    // which are wrapped right below so they are freed exactly once.
    let status = unsafe {
        openssl_sys::PKCS12_parse(
            p12.as_ptr(),
            password.as_ptr(),
            &mut pkey,
            &mut cert,
            &mut ca,
        )
    };
    // SAFETY: each pointer is null or an owned object OpenSSL handed over.
    let (pkey, cert, ca) = unsafe {
        (
            (!pkey.is_null()).then(|| PKey::<Private>::from_ptr(pkey)),
            (!cert.is_null()).then(|| X509::from_ptr(cert)),
            (!ca.is_null()).then(|| Stack::<X509>::from_ptr(ca)),
        )
    };
    check(status)?;
    Ok(Pkcs12Parsed {
        pkey,
        cert,
        cas: ca.map(|s| s.into_iter().collect()).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::x509::X509Name;

    fn self_signed(key: &PKeyRef<Private>, cn: &str) -> X509 {
        let mut name = X509Name::builder().unwrap();
        name.append_entry_by_text("CN", cn).unwrap();
        let name = name.build();
        let mut b = X509::builder().unwrap();
        b.set_version(2).unwrap();
        b.set_subject_name(&name).unwrap();
        b.set_issuer_name(&name).unwrap();
        b.set_pubkey(key).unwrap();
        b.set_not_before(&Asn1Time::days_from_now(0).unwrap())
            .unwrap();
        b.set_not_after(&Asn1Time::days_from_now(1).unwrap())
            .unwrap();
        b.sign(key, MessageDigest::sha256()).unwrap();
        b.build()
    }

    #[test]
    fn round_trip_keeps_aliases_and_order() {
        let key = PKey::ec_gen("prime256v1").unwrap();
        let cert = self_signed(&key, "leaf");
        let other = PKey::ec_gen("prime256v1").unwrap();
        let mut cas = Stack::new().unwrap();
        for (i, alias) in [Some(&b"first"[..]), None].into_iter().enumerate() {
            let ca = self_signed(&other, &format!("ca{i}"));
            set_alias(&ca, alias).unwrap();
            cas.push(ca).unwrap();
        }
        let protection = Pkcs12Protection {
            password: c"pw",
            key_nid: openssl::nid::Nid::AES_256_CBC.as_raw(),
            cert_nid: openssl::nid::Nid::AES_256_CBC.as_raw(),
            kdf_iterations: 1000,
            mac_iterations: 1000,
            mac_digest: MessageDigest::sha384(),
            java_trusted: false,
        };
        let p12 = pkcs12_create(
            &protection,
            Some(c"mine"),
            Some(&key),
            Some(&cert),
            Some(&cas),
        )
        .unwrap();
        let der = p12.to_der().unwrap();
        let parsed = pkcs12_parse(&Pkcs12::from_der(&der).unwrap(), c"pw").unwrap();
        assert!(parsed.pkey.unwrap().public_eq(&key));
        let got = parsed.cert.unwrap();
        assert_eq!(got.to_der().unwrap(), cert.to_der().unwrap());
        assert_eq!(got.alias(), Some(&b"mine"[..]));
        assert_eq!(parsed.cas.len(), 2);
        assert_eq!(parsed.cas[0].alias(), Some(&b"first"[..]));
        assert_eq!(parsed.cas[1].alias(), None);

        assert!(pkcs12_parse(&Pkcs12::from_der(&der).unwrap(), c"wrong").is_err());
    }

    #[test]
    fn java_trust_marks_every_certificate_bag() {
        let key = PKey::ec_gen("prime256v1").unwrap();
        let mut cas = Stack::new().unwrap();
        cas.push(self_signed(&key, "one")).unwrap();
        cas.push(self_signed(&key, "two")).unwrap();
        let der = |java_trusted| {
            let protection = Pkcs12Protection {
                password: c"",
                key_nid: UNENCRYPTED,
                cert_nid: UNENCRYPTED,
                kdf_iterations: 1,
                mac_iterations: 1,
                mac_digest: MessageDigest::sha256(),
                java_trusted,
            };
            pkcs12_create(&protection, None, None, None, Some(&cas))
                .unwrap()
                .to_der()
                .unwrap()
        };
        // 2.16.840.1.113894.746875.1.1, then the value: anyExtendedKeyUsage (2.5.29.37.0).
        let attribute = [
            0x06, 0x0c, 0x60, 0x86, 0x48, 0x01, 0x86, 0xf9, 0x66, 0xad, 0xca, 0x7b, 0x01, 0x01,
            0x31, 0x06, 0x06, 0x04, 0x55, 0x1d, 0x25, 0x00,
        ];
        let count = |d: &[u8]| {
            d.windows(attribute.len())
                .filter(|w| *w == attribute)
                .count()
        };
        assert_eq!(count(&der(true)), 2);
        assert_eq!(count(&der(false)), 0);
    }
}
