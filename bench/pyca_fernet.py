"""PyCA `cryptography` timing of what bench/fernet.ts measures in hazmat: Fernet encrypt +
decrypt of a 100-byte message with one Fernet object (as PyCA users keep one per key).

Prints one JSON object: {"cryptography": version, "python": version, "ops_per_second":
{"fernet_roundtrip_100": ops/s}}. Timed with timeit: a batch sized by autorange (about 0.2 s),
repeated, keeping the best batch, as the JavaScript harness keeps its best round.
Run by bench/fernet.ts; also usable alone: python3 bench/pyca_fernet.py
"""

import json
import platform
import timeit

import cryptography
from cryptography.fernet import Fernet

REPEATS = 5


def best_ops_per_second(operation):
    timer = timeit.Timer(operation)
    number, _ = timer.autorange()
    best = min(timer.repeat(repeat=REPEATS, number=number))
    return number / best


def main():
    fernet = Fernet(Fernet.generate_key())
    message = bytes(range(100))
    assert fernet.decrypt(fernet.encrypt(message)) == message

    def roundtrip():
        return fernet.decrypt(fernet.encrypt(message))

    print(
        json.dumps(
            {
                "cryptography": cryptography.__version__,
                "python": platform.python_version(),
                "ops_per_second": {"fernet_roundtrip_100": best_ops_per_second(roundtrip)},
            }
        )
    )


if __name__ == "__main__":
    main()
