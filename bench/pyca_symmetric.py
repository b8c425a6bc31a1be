"""PyCA `cryptography` timings for the operations bench/symmetric.ts measures in hazmat.

Prints one JSON object: {"cryptography": version, "openssl": text, "python": version,
"ops_per_second": {case: ops/s}}. Each case is timed with timeit: a batch sized by autorange
(about 0.2 s), repeated, keeping the best batch, as the JavaScript harness keeps its best round.
Run by bench/symmetric.ts; also usable alone: python3 bench/pyca_symmetric.py
"""

import json
import platform
import timeit

import cryptography
from cryptography.hazmat.backends.openssl import backend
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

REPEATS = 3
KIB64 = 64 * 1024
MIB = 1024 * 1024


def best_ops_per_second(operation):
    timer = timeit.Timer(operation)
    number, _ = timer.autorange()
    best = min(timer.repeat(repeat=REPEATS, number=number))
    return number / best


def main():
    key = bytes(range(32))
    nonce = bytes(12)
    small = bytes(range(64))
    large = bytes(MIB)
    chunks = [large[i : i + KIB64] for i in range(0, MIB, KIB64)]
    aesgcm = AESGCM(key)
    chacha = ChaCha20Poly1305(key)
    sealed_buffer = bytearray(MIB + 16)

    def sha256_one_shot():
        digest = hashes.Hash(hashes.SHA256())
        digest.update(small)
        return digest.finalize()

    def sha256_streaming():
        digest = hashes.Hash(hashes.SHA256())
        for chunk in chunks:
            digest.update(chunk)
        return digest.finalize()

    def hmac_sha256():
        mac = hmac.HMAC(key, hashes.SHA256())
        mac.update(small)
        return mac.finalize()

    cases = {
        "aesgcm_encrypt_64": lambda: aesgcm.encrypt(nonce, small, None),
        "aesgcm_encrypt_1mib": lambda: aesgcm.encrypt(nonce, large, None),
        "chacha20poly1305_encrypt_64": lambda: chacha.encrypt(nonce, small, None),
        "chacha20poly1305_encrypt_1mib": lambda: chacha.encrypt(nonce, large, None),
        # Not issue targets: the same work into the caller's buffer, without the allocation.
        "aesgcm_encrypt_into_1mib": lambda: aesgcm.encrypt_into(nonce, large, None, sealed_buffer),
        "chacha20poly1305_encrypt_into_1mib": lambda: chacha.encrypt_into(
            nonce, large, None, sealed_buffer
        ),
        "sha256_64": sha256_one_shot,
        "sha256_1mib_streaming": sha256_streaming,
        "hmac_sha256_64": hmac_sha256,
    }
    results = {name: best_ops_per_second(operation) for name, operation in cases.items()}
    print(
        json.dumps(
            {
                "cryptography": cryptography.__version__,
                "openssl": backend.openssl_version_text(),
                "python": platform.python_version(),
                "ops_per_second": results,
            }
        )
    )


if __name__ == "__main__":
    main()
